using System.Numerics;
using BenchmarkDotNet.Attributes;
using NeuralNet.Kernels;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The scalar half of the thread's table: the loops as people write them, our kernel at the scalar width, and the
/// thread's backward. At 5000×5000 each takes 70–400 ms, so its job runs fewer iterations than the vectorized half.
/// </summary>
public abstract class ThreadFormsTable<T>(FreshInputs<T> inputs) : ReluBenchmarks<T>(inputs)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [Benchmark(Description = "if-branch loop, in place")]
    public void IfBranchInPlace()
    {
        T[] x = Inputs.NextX();
        ReluVariants.IfBranch<T>(x, x);
    }

    [Benchmark(Description = "if-branch loop")]
    public void IfBranch() => ReluVariants.IfBranch<T>(Inputs.NextX(), Inputs.Output);

    [Benchmark(Description = "Math.Max loop, in place")]
    public void MathMaxInPlace()
    {
        T[] x = Inputs.NextX();
        ReluVariants.MathMax<T>(x, x);
    }

    [Benchmark(Description = "Math.Max loop")]
    public void MathMax() => ReluVariants.MathMax<T>(Inputs.NextX(), Inputs.Output);

    [Benchmark(Description = "x * (x > 0), in place")]
    public void TimesMaskInPlace()
    {
        T[] x = Inputs.NextX();
        ReluVariants.TimesMask<T>(x, x);
    }

    [Benchmark(Description = "x * (x > 0)")]
    public void TimesMask() => ReluVariants.TimesMask<T>(Inputs.NextX(), Inputs.Output);

    [Benchmark(Description = "(|x| + x) / 2, in place")]
    public void AbsPlusHalfInPlace()
    {
        T[] x = Inputs.NextX();
        ReluVariants.AbsPlusHalf<T>(x, x);
    }

    [Benchmark(Description = "(|x| + x) / 2")]
    public void AbsPlusHalf() => ReluVariants.AbsPlusHalf<T>(Inputs.NextX(), Inputs.Output);

    [Benchmark(Description = "x[x < 0] = 0, in place")]
    public void MaskedAssignInPlace()
    {
        T[] x = Inputs.NextX();
        ReluVariants.MaskedAssign<T>(x, x, Inputs.Mask);
    }

    [Benchmark(Description = "x[x < 0] = 0, copy first")]
    public void MaskedAssign() => ReluVariants.MaskedAssign<T>(Inputs.NextX(), Inputs.Output, Inputs.Mask);

    [Benchmark(Description = "ours scalar, in place")]
    public void OursScalarInPlace()
    {
        T[] x = Inputs.NextX();
        Activations.Relu<T>(x, x, SimdWidth.Scalar);
    }

    [Benchmark(Description = "ours scalar")]
    public void OursScalar() => Activations.Relu<T>(Inputs.NextX(), Inputs.Output, SimdWidth.Scalar);

    [Benchmark(Description = "backward dout * (x > 0) loop")]
    public void BackwardTimesMask() => ReluVariants.BackwardTimesMask<T>(Inputs.PristineX, Inputs.NextDy(), Inputs.Output);
}
