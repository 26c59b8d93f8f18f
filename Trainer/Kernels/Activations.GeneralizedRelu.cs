namespace NeuralNet.Kernels;

public static partial class Activations
{
    /// <summary>
    /// y = x &gt; threshold ? slopeAbove·x : slopeBelow·x; x == threshold takes slopeBelow. A zero slope gives +0
    /// (never −0, never the NaN of 0·∞); a NaN x passes through. GeneralizedRelu(x, y, 0, 0, 1) is Relu bit for bit.
    /// </summary>
    public static void GeneralizedRelu(ReadOnlySpan<float> x, Span<float> y, float threshold, float slopeBelow, float slopeAbove) =>
        GeneralizedRelu(x, y, new PiecewiseLinear<float>(threshold, slopeBelow, slopeAbove), SimdWidth.Auto);

    /// <inheritdoc cref="GeneralizedRelu(ReadOnlySpan{float}, Span{float}, float, float, float)"/>
    public static void GeneralizedRelu(ReadOnlySpan<double> x, Span<double> y, double threshold, double slopeBelow, double slopeAbove) =>
        GeneralizedRelu(x, y, new PiecewiseLinear<double>(threshold, slopeBelow, slopeAbove), SimdWidth.Auto);

    /// <summary>
    /// dx = x &gt; threshold ? slopeAbove·dy : slopeBelow·dy; x == threshold and NaN x take slopeBelow; a zero
    /// slope gives +0. dx may be exactly dy or exactly x.
    /// </summary>
    public static void GeneralizedReluBackward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, float threshold, float slopeBelow, float slopeAbove) =>
        GeneralizedReluBackward(x, dy, dx, new PiecewiseLinear<float>(threshold, slopeBelow, slopeAbove), SimdWidth.Auto);

    /// <inheritdoc cref="GeneralizedReluBackward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float, float, float)"/>
    public static void GeneralizedReluBackward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> dy, Span<double> dx, double threshold, double slopeBelow, double slopeAbove) =>
        GeneralizedReluBackward(x, dy, dx, new PiecewiseLinear<double>(threshold, slopeBelow, slopeAbove), SimdWidth.Auto);

    /// <summary>Leaky ReLU: GeneralizedRelu(x, y, 0, slope, 1). Note slope·(−0) = −0 for a positive slope.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope) => GeneralizedRelu(x, y, 0f, slope, 1f);

    /// <inheritdoc cref="LeakyRelu(ReadOnlySpan{float}, Span{float}, float)"/>
    public static void LeakyRelu(ReadOnlySpan<double> x, Span<double> y, double slope) => GeneralizedRelu(x, y, 0d, slope, 1d);

    /// <summary>The backward of <see cref="LeakyRelu(ReadOnlySpan{float}, Span{float}, float)"/>: dx = x &gt; 0 ? dy : slope·dy.</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, float slope) =>
        GeneralizedReluBackward(x, dy, dx, 0f, slope, 1f);

    /// <inheritdoc cref="LeakyReluBackward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, float)"/>
    public static void LeakyReluBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> dy, Span<double> dx, double slope) =>
        GeneralizedReluBackward(x, dy, dx, 0d, slope, 1d);

    internal static void GeneralizedRelu<T>(
        ReadOnlySpan<T> x, Span<T> y, in PiecewiseLinear<T> parameters, SimdWidth width, LargeArrayPath? path = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        UnaryDriver.Run<T, GeneralizedReluOperator<T>, PiecewiseLinear<T>>(x, y, parameters, width, path);

    internal static void GeneralizedReluBackward<T>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, in PiecewiseLinear<T> parameters, SimdWidth width, LargeArrayPath? path = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        BinaryDriver.Run<T, GeneralizedReluBackwardOperator<T>, PiecewiseLinear<T>>(x, dy, dx, parameters, width, path);
}
