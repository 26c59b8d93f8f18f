using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Tests.LinearAlgebra;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

/// <summary>Buffers across the workers of the data-parallel step: each replica records its shard's statistics in
/// its own copy, the model ends with their average weighted by shard size, and the replicas evaluate with the
/// model's values.</summary>
public class ReplicaBuffersTests
{
    private const int Features = 30, Classes = 4, Batch = 256;

    [Test]
    public void AfterAShardedStepTheRunningMeanIsTheWholeBatchs()
    {
        var data = DataParallelTests.Data(regression: false, new Random(3));
        var model = Network(new Random(1));
        int[] indices = [.. Enumerable.Range(0, Batch)];
        var x = Matrix<float>.Build.Dense(Features, Batch);
        data.Gather(indices, x, Matrix<float>.Build.Dense(Classes, Batch));
        var hidden = model.Layers[0].Forward(x, training: false); // what batchnorm sees in this step
        float[] expected = [.. Enumerable.Range(0, hidden.RowCount).Select(i => 0.1f * hidden.Row(i).Average())];
        using var workers = new WorkerPool(2);
        var loop = new TrainingLoop(model, new SoftmaxCrossEntropy<float>(Classes), new Sgd<float>(0.05f), Batch, new Random(1),
            new Parallelism(workers, OpenBlasForTests.Gemm) { MinimumWork = 0 });
        Assert.That(loop.ShardsFor(Batch), Is.EqualTo(2));

        loop.Step(data, indices);

        // Each shard recorded 0.1·(its mean); their average weighted by 128/256 each is 0.1·(the batch's mean).
        var runningMean = model.Buffers[0].Values;
        Assert.That(runningMean.Zip(expected, (a, e) => Math.Abs(a - e)).Max(), Is.LessThan(1e-6));
        Assert.That(runningMean, Is.Not.EqualTo(expected.Select(_ => 0f)), "the step recorded something");
    }

    [Test]
    public void ReplicasEvaluateWithTheModelsRunningStatistics()
    {
        var data = DataParallelTests.Data(regression: false, new Random(11), count: 2500);
        var model = Network(new Random(2));
        using var workers = new WorkerPool(2);
        var parallelism = new Parallelism(workers, OpenBlasForTests.Gemm);
        var loss = new SoftmaxCrossEntropy<float>(Classes);
        var parallel = Evaluation.On(model, loss, parallelism); // replicas built now, with the buffers as they are now
        foreach (var buffer in model.Buffers)
            buffer.Value.MapInplace(v => v + 0.75f); // as training would, after the replicas were built

        var (parallelLoss, _) = parallel.Run(data);
        var (oneWorkerLoss, _) = new Evaluation(model, loss).Run(data);

        Assert.That(parallelLoss, Is.EqualTo(oneWorkerLoss), "three chunks, two on a replica: the same bits as on one worker");
    }

    private static Sequential<float> Network(Random random) =>
        LayerRegistry.Build<float>(LayerRegistry.Parse("dense:64,batchnorm,relu,dense"), Features, Classes, new LayerContext<float>(random, OpenBlasForTests.Gemm));
}
