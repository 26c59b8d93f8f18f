using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// dx = dy where x &gt; 0, else +0. The gradient at x = 0 (either sign) and at x = NaN is 0; dy passes with its
/// bits (NaN, −0 included) where x &gt; 0. Vector form: select(x &gt; 0, dy, +0).
/// </summary>
internal readonly struct ReluBackwardOperator<T> : IBinaryOperator<T, NoParameters>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T dy, in NoParameters parameters) => x > T.Zero ? dy : T.Zero;

    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> dy, in NoParameters parameters) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), dy, Vector128<T>.Zero);

    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> dy, in NoParameters parameters) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), dy, Vector256<T>.Zero);

    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> dy, in NoParameters parameters) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), dy, Vector512<T>.Zero);

    /// <summary>The plain definition every width is tested against.</summary>
    public static void Reference(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            bool inactive = T.IsNaN(x[i]) || x[i] <= T.Zero;
            dx[i] = inactive ? T.Zero : dy[i];
        }
    }
}
