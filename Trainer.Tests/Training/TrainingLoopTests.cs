using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.LinearAlgebra;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class TrainingLoopTests
{
    [Test]
    public void ProgressEndsEachEpochAtTheFullCountAndNeverGoesBack()
    {
        var (loop, data) = Setup(ManagedGemm.Instance);
        var reports = new List<(int Done, int Total)>();
        loop.Progress = (done, total) => reports.Add((done, total));

        loop.RunEpoch(1, data.Train, data.Validation);

        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports[^1], Is.EqualTo((data.Train.Count, data.Train.Count)));
        Assert.That(reports.Select(r => r.Done), Is.Ordered.Ascending);
    }

    [Test]
    public void TheStepStaysAllocationFreeWithTheFiniteCheck()
    {
        // MathNet's managed product allocates; the trainer's OpenBLAS one does not.
        var (loop, data) = Setup(OpenBlasForTests.Gemm);
        int[] batch = [.. Enumerable.Range(0, 32)];
        for (int i = 0; i < 10; i++)
            loop.Step(data.Train, batch);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
            loop.Step(data.Train, batch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    private static (TrainingLoop Loop, PreparedData Data) Setup(IGemm<float> gemm)
    {
        var data = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1));
        var model = Mlp.Build<float>(4, [16], 3, new LayerContext<float>(new Random(2), gemm));
        return (new TrainingLoop(model, LossFor.Task(data.Preprocessing), new Sgd<float>(0.01f, 0.9f), 32, new Random(3)), data);
    }
}
