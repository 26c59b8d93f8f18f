using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>Which vector width a kernel runs at. <see cref="Auto"/> is what the public entry points use.</summary>
internal enum SimdWidth
{
    /// <summary>The widest width the hardware accelerates.</summary>
    Auto,
    Vector512,
    Vector256,
    Vector128,
    Scalar,
}

internal static class SimdWidths
{
    public static bool IsSupported(SimdWidth width) => width switch
    {
        SimdWidth.Auto or SimdWidth.Scalar => true,
        SimdWidth.Vector512 => Vector512.IsHardwareAccelerated,
        SimdWidth.Vector256 => Vector256.IsHardwareAccelerated,
        SimdWidth.Vector128 => Vector128.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>The widest accelerated width; the JIT folds it to a constant.</summary>
    public static SimdWidth Best =>
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;

    /// <summary>Turns <see cref="SimdWidth.Auto"/> into a concrete width; a forced width the hardware lacks throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdWidth Resolve(SimdWidth width) => width == SimdWidth.Auto ? Best : Forced(width);

    private static SimdWidth Forced(SimdWidth width) =>
        IsSupported(width) ? width : throw new NotSupportedException($"{width} is not hardware accelerated on this machine.");
}
