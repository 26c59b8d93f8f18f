using System.Numerics;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using NeuralNet.Kernels;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The vectorized half of the thread's ReLU table: the copy floor, ours (entry point and each width forced),
/// TensorPrimitives, Vector&lt;T&gt; and our backward pass, in place and out of place. <see cref="ThreadFormsTable{T}"/>
/// has the scalar forms. A derived class gives the size and how each invocation gets its fresh copy.
/// BenchmarkDotNet runs them in declaration order, one after the other, and the machine's load drifts meanwhile;
/// so the ratios the targets are about come from neighbours: the copy floor, ours, TensorPrimitives, our backward.
/// </summary>
public abstract class ReluTable<T>(FreshInputs<T> inputs) : ReluBenchmarks<T>(inputs)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [Benchmark(Baseline = true, Description = "copy (floor)")]
    public void Copy() => Inputs.NextX().AsSpan().CopyTo(Inputs.Output);

    [Benchmark(Description = "ours Relu (entry point), in place")]
    public void OursInPlace() => OursInPlace(SimdWidth.Auto);

    [Benchmark(Description = "ours Relu (entry point)")]
    public void Ours() => Activations.Relu<T>(Inputs.NextX(), Inputs.Output, SimdWidth.Auto);

    [Benchmark(Description = "TensorPrimitives.Max(x, 0), in place")]
    public void TensorPrimitivesMaxInPlace()
    {
        T[] x = Inputs.NextX();
        TensorPrimitives.Max(x, T.Zero, x);
    }

    [Benchmark(Description = "TensorPrimitives.Max(x, 0)")]
    public void TensorPrimitivesMax() => TensorPrimitives.Max(Inputs.NextX(), T.Zero, Inputs.Output);

    [Benchmark(Description = "ours backward, dx = dy in place")]
    public void BackwardInPlace()
    {
        T[] dy = Inputs.NextDy();
        Activations.ReluBackward<T>(Inputs.PristineX, dy, dy, SimdWidth.Auto);
    }

    [Benchmark(Description = "ours backward, into dx")]
    public void Backward() => Activations.ReluBackward<T>(Inputs.PristineX, Inputs.NextDy(), Inputs.Output, SimdWidth.Auto);

    [Benchmark(Description = "ours Vector512, in place")]
    public void Ours512InPlace() => OursInPlace(SimdWidth.Vector512);

    [Benchmark(Description = "ours Vector512")]
    public void Ours512() => Activations.Relu<T>(Inputs.NextX(), Inputs.Output, SimdWidth.Vector512);

    [Benchmark(Description = "ours Vector256, in place")]
    public void Ours256InPlace() => OursInPlace(SimdWidth.Vector256);

    [Benchmark(Description = "ours Vector256")]
    public void Ours256() => Activations.Relu<T>(Inputs.NextX(), Inputs.Output, SimdWidth.Vector256);

    [Benchmark(Description = "ours Vector128, in place")]
    public void Ours128InPlace() => OursInPlace(SimdWidth.Vector128);

    [Benchmark(Description = "ours Vector128")]
    public void Ours128() => Activations.Relu<T>(Inputs.NextX(), Inputs.Output, SimdWidth.Vector128);

    [Benchmark(Description = "Vector<T>.Max, in place")]
    public void VectorMaxInPlace()
    {
        T[] x = Inputs.NextX();
        ReluVariants.VectorMax<T>(x, x);
    }

    [Benchmark(Description = "Vector<T>.Max")]
    public void VectorMax() => ReluVariants.VectorMax<T>(Inputs.NextX(), Inputs.Output);

    private void OursInPlace(SimdWidth width)
    {
        T[] x = Inputs.NextX();
        Activations.Relu<T>(x, x, width);
    }
}
