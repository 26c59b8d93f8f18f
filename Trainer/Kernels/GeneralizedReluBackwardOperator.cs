using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// dx = a·dy with a = a1 where x &gt; t0, else a0 (x == t0 and x = NaN take a0). A zero slope gives +0 whatever
/// dy is, so with t0 = 0, a0 = 0, a1 = 1 this is bit for bit <see cref="ReluBackwardOperator{T}"/>.
/// </summary>
internal readonly struct GeneralizedReluBackwardOperator<T> : IBinaryOperator<T, PiecewiseLinear<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T dy, in PiecewiseLinear<T> parameters)
    {
        T slope = parameters.SlopeAt(x);
        return slope == T.Zero ? T.Zero : slope * dy;
    }

    // Shape of every width: slope = select(x > t0, a1, a0); slope·dy with zero-slope lanes cleared to +0.
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> dy, in PiecewiseLinear<T> parameters)
    {
        Vector128<T> slope = Vector128.ConditionalSelect(
            Vector128.GreaterThan(x, Vector128.Create(parameters.Threshold)),
            Vector128.Create(parameters.SlopeAbove),
            Vector128.Create(parameters.SlopeBelow));
        return Vector128.AndNot(slope * dy, Vector128.Equals(slope, Vector128<T>.Zero));
    }

    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> dy, in PiecewiseLinear<T> parameters)
    {
        Vector256<T> slope = Vector256.ConditionalSelect(
            Vector256.GreaterThan(x, Vector256.Create(parameters.Threshold)),
            Vector256.Create(parameters.SlopeAbove),
            Vector256.Create(parameters.SlopeBelow));
        return Vector256.AndNot(slope * dy, Vector256.Equals(slope, Vector256<T>.Zero));
    }

    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> dy, in PiecewiseLinear<T> parameters)
    {
        Vector512<T> slope = Vector512.ConditionalSelect(
            Vector512.GreaterThan(x, Vector512.Create(parameters.Threshold)),
            Vector512.Create(parameters.SlopeAbove),
            Vector512.Create(parameters.SlopeBelow));
        return Vector512.AndNot(slope * dy, Vector512.Equals(slope, Vector512<T>.Zero));
    }

    /// <summary>The plain definition every width is tested against.</summary>
    public static void Reference(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, T threshold, T slopeBelow, T slopeAbove)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > threshold)
            {
                dx[i] = slopeAbove == T.Zero ? T.Zero : slopeAbove * dy[i];
            }
            else
            {
                dx[i] = slopeBelow == T.Zero ? T.Zero : slopeBelow * dy[i];
            }
        }
    }
}
