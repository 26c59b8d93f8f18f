using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Benchmarks;

/// <summary>
/// One SGD step of the Fashion-MNIST network (784 → 256 → 128 → 10, batch 64, momentum 0.9) on 1 and 2 workers,
/// as <c>--threads</c> runs it; the memory diagnoser counts the caller's allocations (the tests check the worker's).
/// Run: <c>dotnet run -c Release --project Trainer.Benchmarks -- --filter '*ParallelStep*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class ParallelStepBenchmarks : IDisposable
{
    private const int Features = 784, Classes = 10, Batch = 64, Samples = 4096;
    private TrainingLoop _loop = null!;
    private Dataset _data = null!;
    private WorkerPool? _workers;
    private int[] _order = null!;
    private int _next;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine(BlasBackend.Use(BlasChoice.Auto).Describe());
        var random = new Random(1);
        _data = GemmFloor.RandomData(Features, Classes, Samples, random);
        var model = Mlp.Build<float>(Features, [256, 128], Classes, LayerContext<float>.WithChosenGemm(random));
        _workers = new WorkerPool(Threads);
        _loop = new TrainingLoop(model, new SoftmaxCrossEntropy<float>(Classes), new Sgd<float>(0.05f, 0.9f), Batch, random,
            new Parallelism(_workers, BlasBackend.Gemm<float>()));
        _order = [.. Enumerable.Range(0, Samples)];
        random.Shuffle(_order);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _workers?.Dispose();
        _workers = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "training step 784-256-128-10, batch 64")]
    public float TrainingStep()
    {
        if (_next + Batch > Samples)
            _next = 0;
        float loss = _loop.Step(_data, _order.AsSpan(_next, Batch));
        _next += Batch;
        return loss;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15));
    }
}
