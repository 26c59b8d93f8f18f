using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace NeuralNet.Benchmarks;

/// <summary>
/// What both halves of the table share: the inputs of one size, made once, and a fresh copy of them before every
/// iteration, outside the timer. x is refreshed for every benchmark; dy only for the backward ones that write it.
/// </summary>
/// <remarks>BenchmarkDotNet needs benchmark classes public and not sealed.</remarks>
public abstract class ReluBenchmarks<T>(FreshInputs<T> inputs)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected FreshInputs<T> Inputs { get; } = inputs;

    [GlobalSetup]
    public void Setup() => Inputs.Make(seed: 0);

    [IterationSetup]
    public void FreshX() => Inputs.RefreshX();

    [IterationSetup(Targets = new[]
    {
        nameof(ReluTable<T>.BackwardInPlace), nameof(ReluTable<T>.Backward), nameof(ThreadFormsTable<T>.BackwardTimesMask),
    })]
    public void FreshDy() => Inputs.RefreshDy();
}
