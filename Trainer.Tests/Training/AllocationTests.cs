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

    private static void AssertStepsAllocateNothing(Sequential<float> model, IOptimizer<float> optimizer, Random random)
    {
        const int features = Features, classes = Classes, count = 300;
        var x = Enumerable.Range(0, features * count).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        var y = new float[classes * count];
        for (int i = 0; i < count; i++)
            y[i * classes + labels[i]] = 1;
        var data = new Dataset(features, classes, x, y, labels);
        var loop = new TrainingLoop(model, new SoftmaxCrossEntropy<float>(classes), optimizer, 32, random);
        int[] full = [.. Enumerable.Range(0, 32)];
        int[] last = [.. Enumerable.Range(100, 12)];

        // Warm up both batch sizes an epoch sees (full and last), so every buffer exists and the JIT is done.
        for (int i = 0; i < 5; i++)
        {
            loop.Step(data, full);
            loop.Step(data, last);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            loop.Step(data, full);
            loop.Step(data, last);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }
}
