using NeuralNet.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// The decided semantics, written out value by value (not through the reference), at every width. Each pattern is
/// repeated to 3 × 64 + 5 elements so the values land in the unrolled body, the single-vector loop and the tail.
/// </summary>
[TestFixture(typeof(float))]
[TestFixture(typeof(double))]
public class SemanticsTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Length = (3 * 64) + 5;

    [Test]
    public void ReluPropagatesNaNAndGivesPositiveZeroForNegativesMinusZeroAndMinusInfinity([Values] Width width)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        T nan = T.NaN;
        T[] x = Repeat([nan, T.NegativeInfinity, T.NegativeZero, T.CreateChecked(-3), -T.Epsilon, T.Zero, T.CreateChecked(2), T.PositiveInfinity]);
        T[] expected = Repeat([nan, T.Zero, T.Zero, T.Zero, T.Zero, T.Zero, T.CreateChecked(2), T.PositiveInfinity]);

        var y = new T[Length];
        Activations.Relu<T>(x, y, KernelUnderTest.ToSimdWidth(width));

        SpecialValues.AssertBitIdentical<T>(y, expected, "y");
    }

    [Test]
    public void ReluBackwardIsZeroAtZeroAndAtNaNAndPassesDyWhereXIsPositive([Values] Width width)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        T five = T.CreateChecked(5);
        T[] x = Repeat([T.Zero, T.NegativeZero, T.NaN, T.Epsilon, T.CreateChecked(-1), T.PositiveInfinity, T.One, T.One]);
        T[] dy = Repeat([five, five, five, five, five, five, T.NegativeZero, T.NaN]);
        T[] expected = Repeat([T.Zero, T.Zero, T.Zero, five, T.Zero, five, T.NegativeZero, T.NaN]);

        var dx = new T[Length];
        Activations.ReluBackward<T>(x, dy, dx, KernelUnderTest.ToSimdWidth(width));

        SpecialValues.AssertBitIdentical<T>(dx, expected, "dx");
    }

    [Test]
    public void GeneralizedReluTakesTheLowerSlopeAtTheThreshold([Values] Width width)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        T half = T.CreateChecked(0.5);
        var parameters = new PiecewiseLinear<T>(half, T.CreateChecked(0.25), T.CreateChecked(2));
        T above = T.BitIncrement(half);
        T[] x = Repeat([half, above, T.NegativeZero, T.NaN, T.NegativeInfinity, T.CreateChecked(-4)]);
        T[] expected = Repeat([T.CreateChecked(0.125), T.CreateChecked(2) * above, T.NegativeZero, T.NaN, T.NegativeInfinity, T.CreateChecked(-1)]);

        var y = new T[Length];
        Activations.GeneralizedRelu<T>(x, y, parameters, KernelUnderTest.ToSimdWidth(width));

        SpecialValues.AssertBitIdentical<T>(y, expected, "y");
    }

    [Test]
    public void GeneralizedReluBackwardTakesTheLowerSlopeAtTheThresholdAndAtNaN([Values] Width width)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        T half = T.CreateChecked(0.5);
        var parameters = new PiecewiseLinear<T>(half, T.CreateChecked(0.25), T.CreateChecked(2));
        T four = T.CreateChecked(4);
        T[] x = Repeat([half, T.BitIncrement(half), T.NaN, T.NegativeInfinity]);
        T[] dy = Repeat([four, four, four, four]);
        T[] expected = Repeat([T.One, T.CreateChecked(8), T.One, T.One]);

        var dx = new T[Length];
        Activations.GeneralizedReluBackward<T>(x, dy, dx, parameters, KernelUnderTest.ToSimdWidth(width));

        SpecialValues.AssertBitIdentical<T>(dx, expected, "dx");
    }

    [Test]
    public void AZeroSlopeGivesPositiveZeroEvenForInfinityAndMinusZero([Values] Width width)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        var parameters = new PiecewiseLinear<T>(T.Zero, T.Zero, T.Zero);
        T[] x = Repeat([T.NegativeInfinity, T.PositiveInfinity, T.NegativeZero, T.CreateChecked(-7), T.CreateChecked(7)]);
        T[] dy = Repeat([T.PositiveInfinity, T.NaN, T.NegativeZero, T.NegativeInfinity, T.CreateChecked(-1)]);

        var y = new T[Length];
        var dx = new T[Length];
        Activations.GeneralizedRelu<T>(x, y, parameters, KernelUnderTest.ToSimdWidth(width));
        Activations.GeneralizedReluBackward<T>(x, dy, dx, parameters, KernelUnderTest.ToSimdWidth(width));

        SpecialValues.AssertBitIdentical<T>(y, new T[Length], "forward");
        SpecialValues.AssertBitIdentical<T>(dx, new T[Length], "backward");
    }

    [Test]
    public void GeneralizedReluWithReluParametersIsReluBitForBit([Values] Width width)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        T[] x = SpecialValues.Planted(Length, 11, T.Zero);
        T[] dy = SpecialValues.Planted(Length, 12, T.Zero);
        var reluParameters = new PiecewiseLinear<T>(T.Zero, T.Zero, T.One);
        SimdWidth simdWidth = KernelUnderTest.ToSimdWidth(width);

        var relu = new T[Length];
        var generalized = new T[Length];
        var reluGradient = new T[Length];
        var generalizedGradient = new T[Length];
        Activations.Relu<T>(x, relu, simdWidth);
        Activations.GeneralizedRelu<T>(x, generalized, reluParameters, simdWidth);
        Activations.ReluBackward<T>(x, dy, reluGradient, simdWidth);
        Activations.GeneralizedReluBackward<T>(x, dy, generalizedGradient, reluParameters, simdWidth);

        SpecialValues.AssertBitIdentical<T>(generalized, relu, "forward");
        SpecialValues.AssertBitIdentical<T>(generalizedGradient, reluGradient, "backward");
    }

    private static T[] Repeat(T[] pattern) => Enumerable.Range(0, Length).Select(i => pattern[i % pattern.Length]).ToArray();
}
