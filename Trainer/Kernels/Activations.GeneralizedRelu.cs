namespace NeuralNet.Kernels;

public static partial class Activations
{
    /// <summary>
    /// y = x &gt; threshold ? slopeAbove·x : slopeBelow·x; x == threshold takes slopeBelow. A zero slope gives +0
    /// (never −0, never the NaN of 0·∞); a NaN x passes through. GeneralizedRelu(x, y, 0, 0, 1) is Relu bit for bit,
    /// and (0, a, 1) is leaky ReLU (note a·(−0) = −0 for a positive a).
    /// </summary>
    public static void GeneralizedRelu<T>(ReadOnlySpan<T> x, Span<T> y, T threshold, T slopeBelow, T slopeAbove)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        GeneralizedRelu(x, y, new PiecewiseLinear<T>(threshold, slopeBelow, slopeAbove), SimdWidth.Auto);

    /// <summary>
    /// dx = x &gt; threshold ? slopeAbove·dy : slopeBelow·dy; x == threshold and NaN x take slopeBelow; a zero
    /// slope gives +0. dx may be exactly dy or exactly x.
    /// </summary>
    public static void GeneralizedReluBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, T threshold, T slopeBelow, T slopeAbove)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        GeneralizedReluBackward(x, dy, dx, new PiecewiseLinear<T>(threshold, slopeBelow, slopeAbove), SimdWidth.Auto);

    internal static void GeneralizedRelu<T>(
        ReadOnlySpan<T> x, Span<T> y, in PiecewiseLinear<T> parameters, SimdWidth width, LargeArrayPath? path = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        UnaryDriver.Run<T, GeneralizedReluOperator<T>, PiecewiseLinear<T>>(x, y, parameters, width, path);

    internal static void GeneralizedReluBackward<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, in PiecewiseLinear<T> parameters, SimdWidth width, LargeArrayPath? path = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        BinaryDriver.Run<T, GeneralizedReluBackwardOperator<T>, PiecewiseLinear<T>>(x, dy, dx, parameters, width, path);
}
