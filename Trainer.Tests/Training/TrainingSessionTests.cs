using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Reporting;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class TrainingSessionTests
{
    [Test]
    public void EarlyStoppingRestoresTheBestEpochsWeights()
    {
        var (outcome, hashes, final) = RunRecordingHashes(patience: 3, epochs: 60);

        int best = outcome.History.MinBy(e => e.ValidationLoss)!.Epoch;
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.EarlyStopped));
        Assert.That(outcome.History, Has.Count.LessThan(60));
        Assert.That(outcome.History[^1].Epoch - best, Is.EqualTo(3));
        Assert.That(outcome.RestoredEpoch, Is.EqualTo(best));
        Assert.That(final, Is.EqualTo(hashes[best]).And.Not.EqualTo(hashes[outcome.History[^1].Epoch]));
    }

    [Test]
    public void WithPatienceTheBestWeightsAreRestoredAlsoWhenAllEpochsRun()
    {
        var (outcome, hashes, final) = RunRecordingHashes(patience: 50, epochs: 20);

        int best = outcome.History.MinBy(e => e.ValidationLoss)!.Epoch;
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Completed));
        Assert.That(best, Is.LessThan(20), "the setup must have a best epoch before the last");
        Assert.That(final, Is.EqualTo(hashes[best]));
    }

    [Test]
    public void WithoutPatienceTheFinalWeightsAreKept()
    {
        var (outcome, hashes, final) = RunRecordingHashes(patience: null, epochs: 12);

        Assert.That(outcome.RestoredEpoch, Is.Null);
        Assert.That(final, Is.EqualTo(hashes[12]));
    }

    [Test]
    public void ANonFiniteLossStopsWithTheLayerAndKeepsTheLastGoodWeights()
    {
        var (outcome, hashes, final) = RunRecordingHashes(patience: null, epochs: 30, learningRate: 2f);

        Assert.That(outcome.Reason, Is.EqualTo(StopReason.NonFinite));
        Assert.That(outcome.Failure!.Epoch, Is.EqualTo(outcome.History.Count + 1));
        Assert.That(outcome.Failure.Layer, Does.StartWith("layer "));
        Assert.That(final, Is.EqualTo(hashes[outcome.RestoredEpoch!.Value]));
    }

    [Test]
    public void ACancelledTokenStopsBetweenBatchesAndRestoresTheBest()
    {
        var (session, _, data) = Setup(patience: null);
        using var cancel = new CancellationTokenSource();

        var outcome = session.Run(50, data.Train, data.Validation, (e, _) =>
        {
            if (e.Epoch == 4)
                cancel.Cancel();
        }, cancel.Token);

        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Interrupted));
        Assert.That(outcome.History, Has.Count.EqualTo(4));
        Assert.That(outcome.RestoredEpoch, Is.EqualTo(outcome.History.MinBy(e => e.ValidationLoss)!.Epoch));
    }

    /// <summary>Runs a session, recording the weights hash after every epoch; <c>Final</c> is the hash at the end.</summary>
    private static (TrainingOutcome Outcome, Dictionary<int, string> Hashes, string Final) RunRecordingHashes(int? patience, int epochs, float learningRate = 0.3f)
    {
        var (session, model, data) = Setup(patience, learningRate);
        var hashes = new Dictionary<int, string>();
        var outcome = session.Run(epochs, data.Train, data.Validation, (e, _) => hashes[e.Epoch] = WeightsHash.Sha256(model.Parameters), default);
        return (outcome, hashes, WeightsHash.Sha256(model.Parameters));
    }

    // Iris with a high learning rate: the validation loss goes up and down, so the best epoch is rarely the last.
    private static (TrainingSession Session, Sequential<float> Model, PreparedData Data) Setup(int? patience, float learningRate = 0.3f)
    {
        var data = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1));
        var model = Mlp.Build<float>(4, [64, 32], 3, LayerContext<float>.WithChosenGemm(new Random(2)));
        var optimizer = new Sgd<float>(learningRate, 0.9f, 0.02f);
        var loop = new TrainingLoop(model, LossFor.Task(data.Preprocessing), optimizer, 32, new Random(3));
        return (new TrainingSession(model, loop, optimizer, new ConstantSchedule(), patience), model, data);
    }
}
