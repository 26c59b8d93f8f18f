using NeuralNet.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>The kernels the tests walk, named so that test cases read well.</summary>
public enum KernelOp
{
    Relu,
    ReluBackward,
    GeneralizedRelu,
    GeneralizedReluBackward,
}

/// <summary>The widths, mirrored from the internal <see cref="SimdWidth"/> so test signatures can be public.</summary>
public enum Width
{
    Vector512,
    Vector256,
    Vector128,
    Scalar,
}

/// <summary>Where the output goes: a separate span, or exactly over one input.</summary>
public enum Placement
{
    OutOfPlace,
    OverX,
    OverDy,
}

/// <summary>The large-array techniques: as chosen by size, or forced on at every length.</summary>
public enum Path
{
    BySize,
    NonTemporalTwoThreads,
}

/// <summary>Runs one kernel at a forced width, or its scalar reference, with fixed generalized parameters.</summary>
internal static class KernelUnderTest
{
    public static bool IsBinary(KernelOp op) => op is KernelOp.ReluBackward or KernelOp.GeneralizedReluBackward;

    public static SimdWidth ToSimdWidth(Width width) => width switch
    {
        Width.Vector512 => SimdWidth.Vector512,
        Width.Vector256 => SimdWidth.Vector256,
        Width.Vector128 => SimdWidth.Vector128,
        _ => SimdWidth.Scalar,
    };

    public static LargeArrayPath? ToLargeArrayPath(Path path) =>
        path == Path.BySize ? null : LargeArrayPath.NonTemporalStores | LargeArrayPath.TwoThreads;

    public static void IgnoreIfUnsupported(Width width)
    {
        if (!SimdWidths.IsSupported(ToSimdWidth(width)))
        {
            Assert.Ignore($"{width} is not hardware accelerated on this machine.");
        }
    }

    /// <summary>(t0, a0, a1) sets: ReLU itself, Leaky ReLU, the thread's three-parameter form, a zero upper slope.</summary>
    public static PiecewiseLinear<T>[] ParameterSets<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
    [
        new(T.Zero, T.Zero, T.One),
        new(T.Zero, T.CreateChecked(0.01), T.One),
        new(T.CreateChecked(0.25), T.CreateChecked(-0.3), T.CreateChecked(1.5)),
        new(T.CreateChecked(-0.5), T.CreateChecked(0.5), T.Zero),
    ];

    public static void Run<T>(
        KernelOp op, in PiecewiseLinear<T> p, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> destination, SimdWidth width, LargeArrayPath? path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case KernelOp.Relu:
                Activations.Relu(x, destination, width, path);
                break;
            case KernelOp.ReluBackward:
                Activations.ReluBackward(x, dy, destination, width, path);
                break;
            case KernelOp.GeneralizedRelu:
                Activations.GeneralizedRelu(x, destination, p, width, path);
                break;
            default:
                Activations.GeneralizedReluBackward(x, dy, destination, p, width, path);
                break;
        }
    }

    public static void Reference<T>(KernelOp op, in PiecewiseLinear<T> p, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case KernelOp.Relu:
                ReluOperator<T>.Reference(x, destination);
                break;
            case KernelOp.ReluBackward:
                ReluBackwardOperator<T>.Reference(x, dy, destination);
                break;
            case KernelOp.GeneralizedRelu:
                GeneralizedReluOperator<T>.Reference(x, destination, p.Threshold, p.SlopeBelow, p.SlopeAbove);
                break;
            default:
                GeneralizedReluBackwardOperator<T>.Reference(x, dy, destination, p.Threshold, p.SlopeBelow, p.SlopeAbove);
                break;
        }
    }
}
