using System.Numerics;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using NeuralNet.Kernels;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The thread's ReLU table as benchmarks, each form in place and out of place, plus the copy floor and the
/// backward pass. A derived class gives the size and how each invocation gets a fresh copy of the input made
/// outside the timer (<see cref="NextX"/>, <see cref="NextDy"/>): in place, every call rectifies raw data.
/// BenchmarkDotNet runs them in declaration order, one after the other, and the machine's load drifts meanwhile;
/// so the ratios the targets are about come from neighbours: the copy floor, ours, TensorPrimitives, our backward.
/// </summary>
/// <remarks>BenchmarkDotNet needs benchmark classes public and not sealed.</remarks>
public abstract class ReluTable<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The raw input, never written: the source of every fresh copy and the x of the backward pass.</summary>
    protected T[] PristineX { get; private set; } = [];

    protected T[] PristineDy { get; private set; } = [];

    /// <summary>The preallocated out-of-place destination, already touched so no page faults land in the timer.</summary>
    protected T[] Output { get; private set; } = [];

    private bool[] _mask = [];

    /// <summary>Uniform in [-0.5, 0.5), as relu_numpy.py draws it; made once, outside every timer.</summary>
    protected void MakeInputs(int length, int seed)
    {
        var random = new Random(seed);
        PristineX = [.. Enumerable.Range(0, length).Select(_ => T.CreateChecked(random.NextDouble() - 0.5))];
        PristineDy = [.. Enumerable.Range(0, length).Select(_ => T.CreateChecked(random.NextDouble() - 0.5))];
        Output = new T[length];
        Output.AsSpan().Fill(T.One);
        _mask = new bool[length];
        _mask.AsSpan().Fill(true);
    }

    /// <summary>A fresh copy of <see cref="PristineX"/> for this invocation, made outside the timer.</summary>
    protected abstract T[] NextX();

    /// <summary>A fresh copy of <see cref="PristineDy"/> for this invocation, made outside the timer.</summary>
    protected abstract T[] NextDy();

    protected abstract void RefreshX();

    protected abstract void RefreshDy();

    [IterationSetup]
    public void FreshInputs() => RefreshX();

    [IterationSetup(Targets = new[] { nameof(BackwardInPlace), nameof(Backward), nameof(BackwardTimesMask) })]
    public void FreshGradients() => RefreshDy();

    [Benchmark(Baseline = true, Description = "copy (floor)")]
    public void Copy() => NextX().AsSpan().CopyTo(Output);


    [Benchmark(Description = "ours Relu (entry point), in place")]
    public void OursInPlace() => OursInPlace(SimdWidth.Auto);


    [Benchmark(Description = "ours Relu (entry point)")]
    public void Ours() => Activations.Relu<T>(NextX(), Output, SimdWidth.Auto);


    [Benchmark(Description = "TensorPrimitives.Max(x, 0), in place")]
    public void TensorPrimitivesMaxInPlace()
    {
        T[] x = NextX();
        TensorPrimitives.Max(x, T.Zero, x);
    }


    [Benchmark(Description = "TensorPrimitives.Max(x, 0)")]
    public void TensorPrimitivesMax() => TensorPrimitives.Max(NextX(), T.Zero, Output);


    [Benchmark(Description = "ours backward, dx = dy in place")]
    public void BackwardInPlace()
    {
        T[] dy = NextDy();
        Activations.ReluBackward<T>(PristineX, dy, dy, SimdWidth.Auto);
    }


    [Benchmark(Description = "ours backward, into dx")]
    public void Backward() => Activations.ReluBackward<T>(PristineX, NextDy(), Output, SimdWidth.Auto);


    [Benchmark(Description = "ours Vector512, in place")]
    public void Ours512InPlace() => OursInPlace(SimdWidth.Vector512);


    [Benchmark(Description = "ours Vector512")]
    public void Ours512() => Activations.Relu<T>(NextX(), Output, SimdWidth.Vector512);


    [Benchmark(Description = "ours Vector256, in place")]
    public void Ours256InPlace() => OursInPlace(SimdWidth.Vector256);


    [Benchmark(Description = "ours Vector256")]
    public void Ours256() => Activations.Relu<T>(NextX(), Output, SimdWidth.Vector256);


    [Benchmark(Description = "ours Vector128, in place")]
    public void Ours128InPlace() => OursInPlace(SimdWidth.Vector128);


    [Benchmark(Description = "ours Vector128")]
    public void Ours128() => Activations.Relu<T>(NextX(), Output, SimdWidth.Vector128);


    [Benchmark(Description = "ours scalar, in place")]
    public void OursScalarInPlace() => OursInPlace(SimdWidth.Scalar);


    [Benchmark(Description = "ours scalar")]
    public void OursScalar() => Activations.Relu<T>(NextX(), Output, SimdWidth.Scalar);


    [Benchmark(Description = "if-branch loop, in place")]
    public void IfBranchInPlace()
    {
        T[] x = NextX();
        ReluVariants.IfBranch<T>(x, x);
    }


    [Benchmark(Description = "if-branch loop")]
    public void IfBranch() => ReluVariants.IfBranch<T>(NextX(), Output);


    [Benchmark(Description = "Math.Max loop, in place")]
    public void MathMaxInPlace()
    {
        T[] x = NextX();
        ReluVariants.MathMax<T>(x, x);
    }


    [Benchmark(Description = "Math.Max loop")]
    public void MathMax() => ReluVariants.MathMax<T>(NextX(), Output);


    [Benchmark(Description = "x * (x > 0), in place")]
    public void TimesMaskInPlace()
    {
        T[] x = NextX();
        ReluVariants.TimesMask<T>(x, x);
    }


    [Benchmark(Description = "x * (x > 0)")]
    public void TimesMask() => ReluVariants.TimesMask<T>(NextX(), Output);


    [Benchmark(Description = "(|x| + x) / 2, in place")]
    public void AbsPlusHalfInPlace()
    {
        T[] x = NextX();
        ReluVariants.AbsPlusHalf<T>(x, x);
    }


    [Benchmark(Description = "(|x| + x) / 2")]
    public void AbsPlusHalf() => ReluVariants.AbsPlusHalf<T>(NextX(), Output);


    [Benchmark(Description = "x[x < 0] = 0, in place")]
    public void MaskedAssignInPlace()
    {
        T[] x = NextX();
        ReluVariants.MaskedAssign<T>(x, x, _mask);
    }


    [Benchmark(Description = "x[x < 0] = 0, copy first")]
    public void MaskedAssign() => ReluVariants.MaskedAssign<T>(NextX(), Output, _mask);


    [Benchmark(Description = "Vector<T>.Max, in place")]
    public void VectorMaxInPlace()
    {
        T[] x = NextX();
        ReluVariants.VectorMax<T>(x, x);
    }


    [Benchmark(Description = "Vector<T>.Max")]
    public void VectorMax() => ReluVariants.VectorMax<T>(NextX(), Output);


    [Benchmark(Description = "backward dout * (x > 0) loop")]
    public void BackwardTimesMask() => ReluVariants.BackwardTimesMask<T>(PristineX, NextDy(), Output);

    private void OursInPlace(SimdWidth width)
    {
        T[] x = NextX();
        Activations.Relu<T>(x, x, width);
    }
}
