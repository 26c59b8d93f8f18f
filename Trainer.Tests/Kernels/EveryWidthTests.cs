using NeuralNet.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// Every kernel × width × placement, at every length 0..256 and several start offsets (so the alignment prologue,
/// the unrolled body and the overlapping last vector all meet special values), bit for bit against the scalar
/// reference. The forced large-array path runs the streaming-store and two-chunk code at the same small lengths.
/// </summary>
[TestFixture(typeof(float))]
[TestFixture(typeof(double))]
public class EveryWidthTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int MaxLength = 256;
    private const int MaxOffset = 3;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (KernelOp op in Enum.GetValues<KernelOp>())
        {
            foreach (Width width in Enum.GetValues<Width>())
            {
                foreach (Placement placement in Enum.GetValues<Placement>())
                {
                    if (placement == Placement.OverDy && !KernelUnderTest.IsBinary(op))
                    {
                        continue;
                    }

                    foreach (Path path in Enum.GetValues<Path>())
                    {
                        yield return new TestCaseData(op, width, placement, path);
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void MatchesScalarReferenceBitForBitAtEveryLength(KernelOp op, Width width, Placement placement, Path path)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        PiecewiseLinear<T>[] parameterSets = op is KernelOp.Relu or KernelOp.ReluBackward
            ? [default]
            : KernelUnderTest.ParameterSets<T>();

        foreach (PiecewiseLinear<T> parameters in parameterSets)
        {
            for (int length = 0; length <= MaxLength; length++)
            {
                for (int offset = 0; offset <= MaxOffset; offset++)
                {
                    CheckOne(op, parameters, length, offset, KernelUnderTest.ToSimdWidth(width), placement, KernelUnderTest.ToLargeArrayPath(path));
                }
            }
        }
    }

    private static void CheckOne(
        KernelOp op, PiecewiseLinear<T> parameters, int length, int offset, SimdWidth width, Placement placement, LargeArrayPath? path)
    {
        int seed = (length * 31) + offset;
        T[] xBuffer = SpecialValues.Planted(length + offset, seed, parameters.Threshold);
        T[] dyBuffer = SpecialValues.Planted(length + offset, seed + 7, parameters.Threshold);
        T[] xBefore = (T[])xBuffer.Clone();
        T[] dyBefore = (T[])dyBuffer.Clone();

        var expected = new T[length];
        KernelUnderTest.Reference(op, parameters, xBuffer.AsSpan(offset), dyBuffer.AsSpan(offset), expected);

        // Out of place, the destination starts at a different offset from the inputs, and the guard elements
        // around it must survive.
        T guard = T.CreateChecked(-12345.5);
        T[] destinationBuffer = placement switch
        {
            Placement.OverX => xBuffer,
            Placement.OverDy => dyBuffer,
            _ => Enumerable.Repeat(guard, length + MaxOffset + 2).ToArray(),
        };
        int destinationOffset = placement == Placement.OutOfPlace ? (offset + 1) % (MaxOffset + 1) : offset;
        Span<T> destination = destinationBuffer.AsSpan(destinationOffset, length);

        KernelUnderTest.Run(op, parameters, xBuffer.AsSpan(offset, length), dyBuffer.AsSpan(offset, length), destination, width, path);

        SpecialValues.AssertBitIdentical<T>(destination, expected, () => $"{op} {width} {placement} length {length} offset {offset} t0 {parameters.Threshold} a0 {parameters.SlopeBelow} a1 {parameters.SlopeAbove}");
        if (placement == Placement.OutOfPlace)
        {
            SpecialValues.AssertBitIdentical<T>(xBuffer, xBefore, "x was written");
            SpecialValues.AssertBitIdentical<T>(dyBuffer, dyBefore, "dy was written");
            T[] outside = [.. destinationBuffer[..destinationOffset], .. destinationBuffer[(destinationOffset + length)..]];
            Assert.That(outside, Is.All.EqualTo(guard), "written outside the destination");
        }
    }
}
