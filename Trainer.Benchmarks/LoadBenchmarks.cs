using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using NeuralNet.Data;

namespace NeuralNet.Benchmarks;

/// <summary>
/// Reading the Fashion-MNIST training CSV (133 MB, 60 000 × 785) into the feature matrix, as the trainer does, with
/// the memory diagnoser. Run: <c>dotnet run -c Release --project Trainer.Benchmarks -- --filter '*LoadBenchmarks*'</c>
/// after <c>../shared/datasets/fashion-mnist.sh data/fashion-mnist</c>. For the ratio to <c>np.loadtxt</c> in the same
/// run, use the <c>load</c> command (<see cref="LoadComparison"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LoadConfig))]
public class LoadBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Program.FindRepositoryRoot(), "data", "fashion-mnist", "fashion-mnist_train.csv");
        if (!File.Exists(_path))
            throw new FileNotFoundException("run ../shared/datasets/fashion-mnist.sh data/fashion-mnist first", _path);
    }

    [Benchmark(Description = "CsvLoader.Load Fashion-MNIST train")]
    public int Load() => CsvLoader.Load(_path, ["label"], DataOptions.Default).Rows;

    private sealed class LoadConfig : ManualConfig
    {
        public LoadConfig() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
    }
}
