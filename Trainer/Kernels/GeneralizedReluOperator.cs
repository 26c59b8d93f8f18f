using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// y = a·x with a = a1 where x &gt; t0, else a0 (so x == t0 takes a0), with two rules that keep ReLU an exact
/// special case (t0 = 0, a0 = 0, a1 = 1 gives the bits of <see cref="ReluOperator{T}"/>):
/// a zero slope gives +0 whatever x is (not the −0 of 0·negative, nor the NaN of 0·∞), and a NaN x passes through
/// with its bits. Otherwise the product is plain IEEE, so a non-zero slope keeps the sign of zero (a0·(−0) = −0).
/// </summary>
internal readonly struct GeneralizedReluOperator<T> : IUnaryOperator<T, PiecewiseLinear<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, in PiecewiseLinear<T> parameters)
    {
        T slope = parameters.SlopeAt(x);
        T product = slope == T.Zero ? T.Zero : slope * x;
        return T.IsNaN(x) ? x : product;
    }

    // Shape of every width: slope = select(x > t0, a1, a0); product = slope·x with zero-slope lanes cleared to +0;
    // then NaN lanes of x (x != x) take x itself.
    public static Vector128<T> Invoke(Vector128<T> x, in PiecewiseLinear<T> parameters)
    {
        Vector128<T> slope = Vector128.ConditionalSelect(
            Vector128.GreaterThan(x, Vector128.Create(parameters.Threshold)),
            Vector128.Create(parameters.SlopeAbove),
            Vector128.Create(parameters.SlopeBelow));
        Vector128<T> product = Vector128.AndNot(slope * x, Vector128.Equals(slope, Vector128<T>.Zero));
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), product, x);
    }

    public static Vector256<T> Invoke(Vector256<T> x, in PiecewiseLinear<T> parameters)
    {
        Vector256<T> slope = Vector256.ConditionalSelect(
            Vector256.GreaterThan(x, Vector256.Create(parameters.Threshold)),
            Vector256.Create(parameters.SlopeAbove),
            Vector256.Create(parameters.SlopeBelow));
        Vector256<T> product = Vector256.AndNot(slope * x, Vector256.Equals(slope, Vector256<T>.Zero));
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), product, x);
    }

    public static Vector512<T> Invoke(Vector512<T> x, in PiecewiseLinear<T> parameters)
    {
        Vector512<T> slope = Vector512.ConditionalSelect(
            Vector512.GreaterThan(x, Vector512.Create(parameters.Threshold)),
            Vector512.Create(parameters.SlopeAbove),
            Vector512.Create(parameters.SlopeBelow));
        Vector512<T> product = Vector512.AndNot(slope * x, Vector512.Equals(slope, Vector512<T>.Zero));
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), product, x);
    }

    /// <summary>The plain definition every width is tested against.</summary>
    public static void Reference(ReadOnlySpan<T> x, Span<T> y, T threshold, T slopeBelow, T slopeAbove)
    {
        for (int i = 0; i < x.Length; i++)
        {
            T value = x[i];
            if (T.IsNaN(value))
            {
                y[i] = value;
            }
            else if (value > threshold)
            {
                y[i] = slopeAbove == T.Zero ? T.Zero : slopeAbove * value;
            }
            else
            {
                y[i] = slopeBelow == T.Zero ? T.Zero : slopeBelow * value;
            }
        }
    }
}
