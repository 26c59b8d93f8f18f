using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// y = max(x, +0) as IEEE 754-2019 <c>maximum</c>: NaN passes through with its bits; −0, −∞ and every negative
/// give +0. One compare does it: x &lt;= 0 is true exactly for the values that become +0 (it is false for NaN),
/// and those lanes take +0 (a mask register and a blend with AVX-512).
/// </summary>
internal readonly struct ReluOperator<T> : IUnaryOperator<T, NoParameters>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, in NoParameters parameters) => x <= T.Zero ? T.Zero : x;

    public static Vector128<T> Invoke(Vector128<T> x, in NoParameters parameters) =>
        Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128<T>.Zero), Vector128<T>.Zero, x);

    public static Vector256<T> Invoke(Vector256<T> x, in NoParameters parameters) =>
        Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256<T>.Zero), Vector256<T>.Zero, x);

    public static Vector512<T> Invoke(Vector512<T> x, in NoParameters parameters) =>
        Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512<T>.Zero), Vector512<T>.Zero, x);

    /// <summary>The plain definition every width is tested against.</summary>
    public static void Reference(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            T value = x[i];
            y[i] = T.IsNaN(value) || value > T.Zero ? value : T.Zero;
        }
    }
}
