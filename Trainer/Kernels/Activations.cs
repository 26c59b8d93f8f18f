namespace NeuralNet.Kernels;

/// <summary>
/// Activation kernels: span in, span out, at the widest SIMD width the machine has, for T = float or double (the
/// type is checked once per call, in the driver; any other T throws <see cref="NotSupportedException"/>). Exact in
/// place (the destination is the input span) is allowed; a destination shorter than the input, or one that
/// partially overlaps an input, throws <see cref="ArgumentException"/>.
/// </summary>
public static partial class Activations
{
    /// <summary>y = max(x, +0): NaN propagates, −∞ and −0 give +0, never −0.</summary>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Relu(x, y, SimdWidth.Auto);

    /// <summary>dx = x &gt; 0 ? dy : +0 (the gradient at x = 0 is 0). dx may be exactly dy or exactly x.</summary>
    public static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ReluBackward(x, dy, dx, SimdWidth.Auto);

    internal static void Relu<T>(ReadOnlySpan<T> x, Span<T> y, SimdWidth width, LargeArrayPath? path = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        UnaryDriver.Run<T, ReluOperator<T>, NoParameters>(x, y, default, width, path);

    internal static void ReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, SimdWidth width, LargeArrayPath? path = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        BinaryDriver.Run<T, ReluBackwardOperator<T>, NoParameters>(x, dy, dx, default, width, path);
}
