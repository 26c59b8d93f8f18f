using System.Numerics;
using BenchmarkDotNet.Attributes;
using NeuralNet.Kernels;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The scalar half of the thread's table: the loops as people write them, our kernel at the scalar width, and the
/// thread's backward. At 5000×5000 each takes 70–400 ms, so its job runs fewer iterations than the vectorized half.
/// </summary>
public abstract class ThreadFormsTable<T>(FreshInputs<T> inputs)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly FreshInputs<T> _inputs = inputs;

    [GlobalSetup]
    public void Setup() => _inputs.Make(seed: 0);

    [IterationSetup]
    public void FreshX() => _inputs.RefreshX();

    [IterationSetup(Targets = new[] { nameof(BackwardTimesMask) })]
    public void FreshDy() => _inputs.RefreshDy();

    [Benchmark(Description = "if-branch loop, in place")]
    public void IfBranchInPlace()
    {
        T[] x = _inputs.NextX();
        ReluVariants.IfBranch<T>(x, x);
    }

    [Benchmark(Description = "if-branch loop")]
    public void IfBranch() => ReluVariants.IfBranch<T>(_inputs.NextX(), _inputs.Output);

    [Benchmark(Description = "Math.Max loop, in place")]
    public void MathMaxInPlace()
    {
        T[] x = _inputs.NextX();
        ReluVariants.MathMax<T>(x, x);
    }

    [Benchmark(Description = "Math.Max loop")]
    public void MathMax() => ReluVariants.MathMax<T>(_inputs.NextX(), _inputs.Output);

    [Benchmark(Description = "x * (x > 0), in place")]
    public void TimesMaskInPlace()
    {
        T[] x = _inputs.NextX();
        ReluVariants.TimesMask<T>(x, x);
    }

    [Benchmark(Description = "x * (x > 0)")]
    public void TimesMask() => ReluVariants.TimesMask<T>(_inputs.NextX(), _inputs.Output);

    [Benchmark(Description = "(|x| + x) / 2, in place")]
    public void AbsPlusHalfInPlace()
    {
        T[] x = _inputs.NextX();
        ReluVariants.AbsPlusHalf<T>(x, x);
    }

    [Benchmark(Description = "(|x| + x) / 2")]
    public void AbsPlusHalf() => ReluVariants.AbsPlusHalf<T>(_inputs.NextX(), _inputs.Output);

    [Benchmark(Description = "x[x < 0] = 0, in place")]
    public void MaskedAssignInPlace()
    {
        T[] x = _inputs.NextX();
        ReluVariants.MaskedAssign<T>(x, x, _inputs.Mask);
    }

    [Benchmark(Description = "x[x < 0] = 0, copy first")]
    public void MaskedAssign() => ReluVariants.MaskedAssign<T>(_inputs.NextX(), _inputs.Output, _inputs.Mask);

    [Benchmark(Description = "ours scalar, in place")]
    public void OursScalarInPlace()
    {
        T[] x = _inputs.NextX();
        Activations.Relu<T>(x, x, SimdWidth.Scalar);
    }

    [Benchmark(Description = "ours scalar")]
    public void OursScalar() => Activations.Relu<T>(_inputs.NextX(), _inputs.Output, SimdWidth.Scalar);

    [Benchmark(Description = "backward dout * (x > 0) loop")]
    public void BackwardTimesMask() => ReluVariants.BackwardTimesMask<T>(_inputs.PristineX, _inputs.NextDy(), _inputs.Output);
}
