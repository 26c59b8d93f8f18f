using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.LinearAlgebra;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

// MathNet's managed product allocates; the OpenBLAS one the trainer runs on does not, so the layers get it here.
public class AllocationTests
{
    private const int Features = 20, Classes = 5;

    [Test]
    public void ATrainingStepAllocatesNothingInSteadyState()
    {
        var random = new Random(1);
        AssertStepsAllocateNothing(Mlp.Build<float>(Features, [32, 16], Classes, new LayerContext<float>(random, OpenBlasForTests.Gemm)), new Sgd<float>(0.01f, 0.9f, 1e-4f, nesterov: true), random);
    }

    [Test]
    public void EveryRegisteredLayerAndAdamKeepTheStepAllocationFree()
    {
        var random = new Random(1);
        var specs = LayerRegistry.All.SelectMany(layer => LayerRegistry.Parse($"dense:16,{layer.Example}")).ToList();
        var model = LayerRegistry.Build<float>(specs, Features, Classes, new LayerContext<float>(random, OpenBlasForTests.Gemm));
        AssertStepsAllocateNothing(model, OptimizerRegistry.Create<float>("adam", new OptimizerSettings(0.001, WeightDecay: 1e-4)), random);
    }

    [Test]
    public void AStepSplitAcrossTwoWorkersAllocatesNothingOnAnyThread()
    {
        var random = new Random(1);
        using var workers = new WorkerPool(2);
        // Wide enough layers that a batch of 32 is split (ShardPlan), and a last batch of 12 that is not.
        var model = Mlp.Build<float>(Features, [512, 256], Classes, new LayerContext<float>(random, OpenBlasForTests.Gemm));
        AssertStepsAllocateNothing(model, new Sgd<float>(0.01f, 0.9f), random, workers, expectedShards: (2, 1));
    }

    private static void AssertStepsAllocateNothing(Sequential<float> model, IOptimizer<float> optimizer, Random random,
        WorkerPool? workers = null, (int Full, int Last) expectedShards = default)
    {
        const int features = Features, classes = Classes, count = 300;
        var x = Enumerable.Range(0, features * count).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        var y = new float[classes * count];
        for (int i = 0; i < count; i++)
            y[i * classes + labels[i]] = 1;
        var data = new Dataset(features, classes, x, y, labels);
        var parallelism = workers is null ? null : new Parallelism(workers, OpenBlasForTests.Gemm);
        var loop = new TrainingLoop(model, new SoftmaxCrossEntropy<float>(classes), optimizer, 32, random, parallelism);
        int[] full = [.. Enumerable.Range(0, 32)];
        int[] last = [.. Enumerable.Range(100, 12)];
        if (workers is not null)
            Assert.That((loop.ShardsFor(full.Length), loop.ShardsFor(last.Length)), Is.EqualTo(expectedShards));

        // Warm up both batch sizes an epoch sees (full and last), so every buffer exists and the JIT is done.
        for (int i = 0; i < 60; i++)
        {
            loop.Step(data, full);
            loop.Step(data, last);
        }
        // The JIT's promotion of a method to its optimised tier, when it lands inside a window, has been seen to
        // allocate 24 bytes once per thread; an allocation per step shows in every window of 400 steps.
        long allocated = -1, workersAllocated = -1;
        for (int window = 0; window < 3 && (allocated, workersAllocated) != (0, 0); window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long workersBefore = workers?.WorkerAllocatedBytes ?? 0;
            for (int i = 0; i < 200; i++)
            {
                loop.Step(data, full);
                loop.Step(data, last);
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            workersAllocated = (workers?.WorkerAllocatedBytes ?? 0) - workersBefore;
        }

        Assert.That((allocated, workersAllocated), Is.EqualTo((0L, 0L)), "(this thread, the worker threads)");
    }
}
