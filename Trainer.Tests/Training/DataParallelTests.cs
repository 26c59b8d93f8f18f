using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Reporting;
using NeuralNet.Tests.LinearAlgebra;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

/// <summary>The data-parallel step: the whole-batch step's maths on shards, the same weights for the same seed and
/// worker count whatever the timing, and close weights across worker counts (only the summation order differs).</summary>
public class DataParallelTests
{
    private const int Features = 30, Classes = 4, Count = 600, Batch = 256;

    [TestCase("classification")]
    [TestCase("regression")]
    public void AShardedStepGivesTheWholeBatchStepsLossAndWeights(string task)
    {
        var data = Data(task == "regression", new Random(3));
        var (single, singleLoop) = Loop(data, null);
        using var workers = new WorkerPool(2);
        var (sharded, shardedLoop) = Loop(data, workers);
        Assert.That(shardedLoop.ShardsFor(Batch), Is.EqualTo(2), "the test batch must be big enough to be split");

        int[] indices = [.. Enumerable.Range(0, Count).Where(i => i % 3 != 1).Take(Batch)];
        for (int step = 0; step < 3; step++)
        {
            float singleLoss = singleLoop.Step(data, indices);
            float shardedLoss = shardedLoop.Step(data, indices);
            Assert.That(shardedLoss, Is.EqualTo(singleLoss).Within(1e-4).Percent, $"loss of step {step}");
        }
        for (int k = 0; k < single.Parameters.Count; k++)
        {
            var expected = single.Parameters[k].Values;
            var actual = sharded.Parameters[k].Values;
            double scale = expected.Max(v => Math.Abs(v));
            Assert.That(actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max(), Is.LessThan(1e-5 * scale), $"parameter {k}");
            Assert.That(actual, Is.Not.EqualTo(Initial(task, k)), $"parameter {k} was trained");
        }
    }

    [Test]
    public void TheSameSeedAndWorkerCountGiveTheSameWeightsEveryTime()
    {
        var data = Data(regression: false, new Random(5));
        var hashes = new List<string>();
        for (int run = 0; run < 3; run++)
        {
            using var workers = new WorkerPool(2);
            var (model, loop) = Loop(data, workers, shuffleSeed: 9);
            for (int epoch = 1; epoch <= 2; epoch++)
                loop.RunEpoch(epoch, data, data);
            hashes.Add(WeightsHash.Sha256(model.Parameters));
        }
        Assert.That(hashes.Distinct(), Has.Exactly(1).Items);
    }

    [Test]
    public void AnEpochOnTwoWorkersEndsCloseToTheOneOnOneWorker()
    {
        var data = Data(regression: false, new Random(7));
        var results = new List<EpochResult>();
        var weights = new List<float[]>();
        foreach (int threads in (int[])[1, 2])
        {
            using var workers = new WorkerPool(threads);
            var (model, loop) = Loop(data, workers, shuffleSeed: 4);
            EpochResult? last = null;
            for (int epoch = 1; epoch <= 3; epoch++)
                last = loop.RunEpoch(epoch, data, data);
            results.Add(last!);
            weights.Add([.. model.Parameters.SelectMany(p => p.Values)]);
        }
        Assert.That(results[1].ValidationLoss, Is.EqualTo(results[0].ValidationLoss).Within(1e-3).Percent);
        Assert.That(results[1].ValidationMetric, Is.EqualTo(results[0].ValidationMetric).Within(0.005));
        Assert.That(weights[1].Zip(weights[0], (a, b) => Math.Abs(a - b)).Max(), Is.LessThan(1e-3));
    }

    [Test]
    public void EvaluationOnTwoWorkersGivesTheOneWorkerFigures()
    {
        var data = Data(regression: false, new Random(11), count: 2500);
        var model = Model(new Random(2));
        var loss = new SoftmaxCrossEntropy<float>(Classes);
        using var workers = new WorkerPool(2);
        var parallel = Evaluation.On(model, loss, new Parallelism(workers, OpenBlasForTests.Gemm));
        var starts = new List<int>();
        var (parallelLoss, parallelAccuracy) = parallel.Run(data, (start, _) => starts.Add(start));
        var (loss1, accuracy1) = new Evaluation(model, loss).Run(data);

        Assert.That(starts, Is.EqualTo(new[] { 0, 1024, 2048 }), "chunks of 1,024 from sample 0, two per round, in order");
        Assert.That(parallelAccuracy, Is.EqualTo(accuracy1));
        Assert.That(parallelLoss, Is.EqualTo(loss1), "the same chunks on one worker and on two: the same bits");
    }

    [Test]
    public void TheFirstChunkCheckIsTheOneWorkersAndSeesANonFiniteOutput()
    {
        var data = Data(regression: false, new Random(13), count: 1024);
        var model = Model(new Random(2));
        using var workers = new WorkerPool(2);
        var evaluation = Evaluation.On(model, new SoftmaxCrossEntropy<float>(Classes), new Parallelism(workers, OpenBlasForTests.Gemm));
        var starts = new List<int>();
        evaluation.Run(data, (start, _) => starts.Add(start));
        Assert.That(starts, Is.EqualTo(new[] { 0 }), "one chunk is one piece, whatever the workers");
        Assert.That(evaluation.FirstChunkLoss(data), Is.EqualTo(new Evaluation(model, new SoftmaxCrossEntropy<float>(Classes)).FirstChunkLoss(data)));

        var poisoned = Data(regression: false, new Random(13), count: 1024, infiniteSample: 3);
        Assert.That(double.IsFinite(evaluation.FirstChunkLoss(poisoned)), Is.False);
    }

    [Test]
    public void ANonFiniteLossInAShardStopsTheStepAndNamesTheLayer()
    {
        var data = Data(regression: false, new Random(3));
        using var workers = new WorkerPool(2);
        var (model, loop) = Loop(data, workers);
        model.Parameters[0].Values[5] = float.PositiveInfinity;
        var before = model.Parameters.Select(p => p.Values.ToArray()).ToList();

        var failure = Assert.Throws<NonFiniteLossException>(() => loop.Step(data, [.. Enumerable.Range(0, Batch)]))!;

        Assert.That(failure.Message, Does.Contain("layer 0 (dense 30→128)"));
        for (int k = 0; k < before.Count; k++)
            Assert.That(model.Parameters[k].Values, Is.EqualTo(before[k]), $"parameter {k} must not be stepped");
    }

    internal static Dataset Data(bool regression, Random random, int count = Count, int? infiniteSample = null)
    {
        var x = Enumerable.Range(0, Features * count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        if (infiniteSample is { } sample)
            x[sample * Features + 2] = float.PositiveInfinity;
        var labels = Enumerable.Range(0, count).Select(i => (x[i * Features] > 0 ? 1 : 0) + (x[i * Features + 1] > 0 ? 2 : 0)).ToArray();
        var y = new float[Classes * count];
        for (int i = 0; i < count; i++)
        {
            if (regression)
            {
                for (int k = 0; k < Classes; k++)
                    y[i * Classes + k] = x[i * Features + k] * 0.5f + x[i * Features + k + 4] * x[i * Features + k + 8];
            }
            else
            {
                y[i * Classes + labels[i]] = 1;
            }
        }
        return new Dataset(Features, Classes, x, y, regression ? null : labels);
    }

    private static Sequential<float> Model(Random random) =>
        Mlp.Build<float>(Features, [128, 32], Classes, new LayerContext<float>(random, OpenBlasForTests.Gemm));

    private static float[] Initial(string task, int parameter) => Model(new Random(task.Length)).Parameters[parameter].Values;

    private static (Sequential<float> Model, TrainingLoop Loop) Loop(Dataset data, WorkerPool? workers, int shuffleSeed = 1)
    {
        var model = Model(new Random(data.Labels is null ? "regression".Length : "classification".Length));
        ILoss<float> loss = data.Labels is null ? new MeanSquaredError<float>(Classes) : new SoftmaxCrossEntropy<float>(Classes);
        var parallelism = workers is null ? null : new Parallelism(workers, OpenBlasForTests.Gemm, seed: 1);
        return (model, new TrainingLoop(model, loss, new Sgd<float>(0.05f, 0.9f, 1e-4f), Batch, new Random(shuffleSeed), parallelism));
    }
}
