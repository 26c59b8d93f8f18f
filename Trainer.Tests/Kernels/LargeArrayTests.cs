using NeuralNet.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// Arrays above both size thresholds, so the entry points choose two threads by themselves, and streaming stores
/// too when out of place; with a misaligned destination and a length that is not a multiple of any vector.
/// </summary>
[TestFixture(typeof(float))]
[TestFixture(typeof(double))]
public class LargeArrayTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly int LargeLength =
        (int)(Math.Max(ElementwiseLoop.NonTemporalMinBytes, ElementwiseLoop.TwoThreadsMinBytes) / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()) + 1001;

    private T[] _x = [];
    private T[] _dy = [];

    [OneTimeSetUp]
    public void MakeInputs()
    {
        _x = SpecialValues.Planted(LargeLength + 1, 1, T.CreateChecked(0.25));
        _dy = SpecialValues.Planted(LargeLength + 1, 2, T.CreateChecked(0.25));
    }

    [Test]
    public void MatchesScalarReferenceOnTheLargeArrayPath([Values] KernelOp op, [Values] Width width, [Values(Placement.OutOfPlace, Placement.OverX)] Placement placement)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        PiecewiseLinear<T> parameters = KernelUnderTest.ParameterSets<T>()[2];
        var expected = new T[LargeLength];
        KernelUnderTest.Reference(op, parameters, _x.AsSpan(1), _dy.AsSpan(1), expected);

        T[] xCopy = (T[])_x.Clone();
        T[] destinationBuffer = placement == Placement.OverX ? xCopy : new T[LargeLength + 1];
        Span<T> destination = destinationBuffer.AsSpan(1, LargeLength);
        KernelUnderTest.Run(op, parameters, xCopy.AsSpan(1), _dy.AsSpan(1), destination, KernelUnderTest.ToSimdWidth(width), null);

        SpecialValues.AssertBitIdentical<T>(destination, expected, $"{op} {width} {placement}");
    }
}
