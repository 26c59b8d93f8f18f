using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.LinearAlgebra;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class TrainingLoopTests : ProviderRestoringFixture
{
    [Test]
    public void ProgressEndsEachEpochAtTheFullCountAndNeverGoesBack()
    {
        var (loop, data) = Setup();
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
        // MathNet's managed provider allocates in its products; the trainer's OpenBLAS provider does not.
        BlasBackend.Use(BlasChoice.OpenBlas);
        var (loop, data) = Setup();
        int[] batch = [.. Enumerable.Range(0, 32)];
        for (int i = 0; i < 10; i++)
            loop.Step(data.Train, batch);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
            loop.Step(data.Train, batch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    private static (TrainingLoop Loop, PreparedData Data) Setup()
    {
        var data = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1));
        var model = Mlp.Build<float>(4, [16], 3, new Random(2));
        return (new TrainingLoop(model, LossFor.Task(data.Preprocessing), new Sgd<float>(0.01f, 0.9f), 32, new Random(3)), data);
    }
}
