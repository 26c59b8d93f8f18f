using NeuralNet.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>A too-short destination, a partial overlap and mismatched inputs throw, at every width and before any write.</summary>
public class ArgumentTests
{
    private const int Length = 100;

    [Test]
    public void TooShortDestinationThrows([Values] KernelOp op, [Values] Width width)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        double[] x = new double[Length];
        double[] dy = new double[Length];
        double[] destination = new double[Length - 1];

        Assert.That(() => Run(op, width, x, dy, destination), Throws.ArgumentException);
    }

    [Test]
    public void DestinationPartiallyOverlappingXThrowsAndWritesNothing([Values] KernelOp op, [Values] Width width, [Values(-1, 1, 37)] int shift)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        float[] buffer = SpecialValues.Planted(Length + 40, 3, 0f);
        float[] before = (float[])buffer.Clone();
        float[] dy = new float[Length];
        int xStart = Math.Max(0, -shift);

        Assert.That(
            () => Run(op, width, buffer.AsSpan(xStart, Length), dy, buffer.AsSpan(xStart + shift, Length)),
            Throws.ArgumentException);
        SpecialValues.AssertBitIdentical<float>(buffer, before, "the buffer was written");
    }

    [Test]
    public void DestinationPartiallyOverlappingDyThrows([Values(KernelOp.ReluBackward, KernelOp.GeneralizedReluBackward)] KernelOp op, [Values] Width width)
    {
        KernelUnderTest.IgnoreIfUnsupported(width);
        float[] x = new float[Length];
        float[] buffer = new float[Length + 1];

        Assert.That(() => Run(op, width, x, buffer.AsSpan(1, Length), buffer.AsSpan(0, Length)), Throws.ArgumentException);
    }

    [Test]
    public void DyOfAnotherLengthThrows([Values(KernelOp.ReluBackward, KernelOp.GeneralizedReluBackward)] KernelOp op)
    {
        float[] x = new float[Length];
        float[] dy = new float[Length + 1];
        float[] dx = new float[Length + 1];

        Assert.That(() => Run(op, Width.Scalar, x, dy, dx), Throws.ArgumentException);
    }

    [Test]
    public void ForcingAWidthTheHardwareLacksThrows([Values] Width width)
    {
        if (SimdWidths.IsSupported(KernelUnderTest.ToSimdWidth(width)))
        {
            Assert.Ignore($"{width} is supported here; nothing to check.");
        }

        float[] x = new float[Length];
        Assert.That(() => Activations.Relu<float>(x, x, KernelUnderTest.ToSimdWidth(width)), Throws.TypeOf<NotSupportedException>());
    }

    private static void Run<T>(KernelOp op, Width width, Span<T> x, Span<T> dy, Span<T> destination)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        KernelUnderTest.Run(op, new PiecewiseLinear<T>(T.Zero, T.CreateChecked(0.1), T.One), x, dy, destination, KernelUnderTest.ToSimdWidth(width), null);
}
