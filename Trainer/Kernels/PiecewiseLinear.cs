namespace NeuralNet.Kernels;

/// <summary>
/// The parameters of the generalized ReLU: slope <see cref="SlopeAbove"/> (a1) where x &gt; <see cref="Threshold"/>
/// (t0), slope <see cref="SlopeBelow"/> (a0) elsewhere, x == t0 included.
/// </summary>
internal readonly struct PiecewiseLinear<T>(T threshold, T slopeBelow, T slopeAbove)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Threshold { get; } = threshold;

    public T SlopeBelow { get; } = slopeBelow;

    public T SlopeAbove { get; } = slopeAbove;

    /// <summary>The slope that applies at <paramref name="x"/>; NaN compares false, so it gets <see cref="SlopeBelow"/>.</summary>
    public T SlopeAt(T x) => x > Threshold ? SlopeAbove : SlopeBelow;
}
