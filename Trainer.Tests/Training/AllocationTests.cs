using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

[NonParallelizable]
public class AllocationTests
{
    [Test]
    public void ATrainingStepAllocatesNothingInSteadyState()
    {
        var previous = LinearAlgebraControl.Provider;
        try
        {
            BlasBackend.Use(BlasChoice.OpenBlas);
            var random = new Random(1);
            const int features = 20, classes = 5, count = 300;
            var x = Enumerable.Range(0, features * count).Select(_ => (float)random.NextDouble()).ToArray();
            var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
            var y = new float[classes * count];
            for (int i = 0; i < count; i++)
                y[i * classes + labels[i]] = 1;
            var data = new Dataset(features, classes, x, y, labels);
            var model = Mlp.Build<float>(features, [32, 16], classes, random);
            var loop = new TrainingLoop(model, new SoftmaxCrossEntropy<float>(classes), new Sgd<float>(0.01f, 0.9f, 1e-4f, nesterov: true), 32, random);
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
        finally
        {
            LinearAlgebraControl.Provider = previous;
        }
    }
}
