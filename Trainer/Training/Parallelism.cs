using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Training;

/// <summary>
/// The cores a network trains and scores on: the <see cref="WorkerPool"/>, the product the workers' replica
/// networks run (each worker calls it from its own thread; OpenBLAS runs each call on that one thread), and the seed
/// of the replicas' random streams (dropout masks), so that a seeded run is reproducible on any timing.
/// </summary>
public sealed class Parallelism(WorkerPool workers, IGemm<float> gemm, int seed = 0)
{
    public WorkerPool Workers => workers;

    public IGemm<float> Gemm => gemm;

    public int Seed => seed;

    /// <summary>Batch size × parameters below which one thread runs a step (<see cref="ShardPlan.MinimumWork"/>);
    /// the scaling benchmark sets 0 to measure the split where the threshold would not make it.</summary>
    public long MinimumWork { get; init; } = ShardPlan.MinimumWork;

    /// <summary>One network per worker: <paramref name="model"/> itself for worker 0 (its gradients are the ones the
    /// optimizer reads), and for each other worker a replica sharing its values (<see cref="Sequential{T}.ReplicaSharingValues"/>).</summary>
    public Sequential<float>[] NetworksFor(Sequential<float> model)
    {
        var networks = new Sequential<float>[workers.Count];
        networks[0] = model;
        for (int w = 1; w < networks.Length; w++)
            networks[w] = model.ReplicaSharingValues(new LayerContext<float>(new Random(unchecked((seed * 7919) + w)), gemm));
        return networks;
    }

    /// <summary>One worker's networks when there is no pool.</summary>
    public static Sequential<float>[] Alone(Sequential<float> model) => [model];
}
