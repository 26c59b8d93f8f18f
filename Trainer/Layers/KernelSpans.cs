using System.Runtime.InteropServices;

namespace NeuralNet.Layers;

/// <summary>The SIMD kernels take float or double spans; a layer generic in T reinterprets its storage once it has
/// checked which of the two T is.</summary>
internal static class KernelSpans
{
    public static Span<TTo> As<TFrom, TTo>(TFrom[] array) where TFrom : struct where TTo : struct =>
        MemoryMarshal.Cast<TFrom, TTo>(array.AsSpan());

    public static NotSupportedException Unsupported<T>(string layer) =>
        new($"{layer} kernels exist for float and double, not {typeof(T).Name}");
}
