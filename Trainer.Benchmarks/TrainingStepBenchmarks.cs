using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Benchmarks;

/// <summary>
/// One SGD step of the Fashion-MNIST benchmark network (784 → 256 → 128 → 10, batch 64, momentum 0.9) and the
/// matrix products it is made of, on the backend <c>--blas</c> would pick. The memory diagnoser shows the step
/// allocates nothing. Run: <c>dotnet run -c Release --project Trainer.Benchmarks -- --filter '*TrainingStep*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StepConfig))]
public class TrainingStepBenchmarks
{
    private const int Features = 784, Classes = 10, Batch = 64, Samples = 4096;
    private TrainingLoop _loop = null!;
    private Dataset _data = null!;
    private int[] _order = null!;
    private int _next;
    private Matrix<float> _weight = null!, _input = null!, _output = null!, _outputGradient = null!, _weightGradient = null!, _inputGradient = null!;

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine(BlasBackend.Use(BlasChoice.Auto).Describe());
        var random = new Random(1);
        _data = GemmFloor.RandomData(Features, Classes, Samples, random);
        var model = Mlp.Build<float>(Features, [256, 128], Classes, LayerContext<float>.WithChosenGemm(random));
        _loop = new TrainingLoop(model, new SoftmaxCrossEntropy<float>(Classes), new Sgd<float>(0.05f, 0.9f), Batch, random);
        _order = [.. Enumerable.Range(0, Samples)];
        random.Shuffle(_order);

        _weight = Matrix<float>.Build.Random(256, Features, 2);          // (out, in)
        _input = Matrix<float>.Build.Random(Features, Batch, 3);         // (in, batch)
        _output = Matrix<float>.Build.Dense(256, Batch);                 // (out, batch)
        _outputGradient = Matrix<float>.Build.Random(256, Batch, 4);     // (out, batch)
        _weightGradient = Matrix<float>.Build.Dense(256, Features);      // (out, in)
        _inputGradient = Matrix<float>.Build.Dense(Features, Batch);     // (in, batch)
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

    [Benchmark(Description = "Z = W·X (256×784·784×64)")]
    public void Forward() =>
        Gemm.Multiply(Transpose.DontTranspose, Transpose.DontTranspose, 1f,
            _weight.AsColumnMajorArray(), 256, Features, _input.AsColumnMajorArray(), Features, Batch, 0f, _output.AsColumnMajorArray());

    [Benchmark(Description = "dW += dZ·Xᵀ (256×64·64×784)")]
    public void WeightGradient() =>
        Gemm.Multiply(Transpose.DontTranspose, Transpose.Transpose, 1f,
            _outputGradient.AsColumnMajorArray(), 256, Batch, _input.AsColumnMajorArray(), Features, Batch, 1f, _weightGradient.AsColumnMajorArray());

    [Benchmark(Description = "dX = Wᵀ·dZ (784×256·256×64)")]
    public void InputGradient() =>
        Gemm.Multiply(Transpose.Transpose, Transpose.DontTranspose, 1f,
            _weight.AsColumnMajorArray(), 256, Features, _outputGradient.AsColumnMajorArray(), 256, Batch, 0f, _inputGradient.AsColumnMajorArray());

    // The product BlasBackend.Use chose in Setup, as the layers get it.
    private static IGemm<float> Gemm => BlasBackend.Gemm<float>();

    private sealed class StepConfig : ManualConfig
    {
        public StepConfig() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15));
    }
}
