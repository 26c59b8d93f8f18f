using NeuralNet.Cli;
using NeuralNet.LinearAlgebra;
using NeuralNet.Tests.Cli;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

/// <summary>The training entry that the command line calls: a <see cref="TrainingRequest"/> in, a
/// <see cref="TrainingResult"/> out, the recipe filling what the request leaves null.</summary>
public class TrainingPipelineTests
{
    private static readonly string Iris = RepoPaths.Data("iris.csv");

    /// <summary>The same run through the command line (every recipe setting given, so nothing is picked) and through
    /// the pipeline with a request of the same fixed values: the pipeline's validation figures are the printed ones.</summary>
    [Test]
    public void TheValidationScoresAreTheOnesTheCommandLinePrints()
    {
        var cli = CliRun.Train(Iris, "--threads", "1", "--hidden", "8", "--epochs", "3", "--optimizer", "sgd", "--lr", "0.01", "--weight-decay", "0.02",
            "--batch-size", "32", "--patience", "0", "--lr-schedule", "constant");
        Assert.That(cli.ExitCode, Is.Zero, cli.ToString());
        var request = new TrainingRequest { DataPath = Iris, Hidden = [8], Epochs = 3, Seed = 1 };

        var (result, lines) = Run(request);

        Assert.That(result.ValidationScores, Is.Not.Null);
        Assert.That(cli.Line("val ("), Is.EqualTo($"val (epoch 3): {ScoreLine.Format(result.ValidationScores!, classification: true)}"));
        Assert.That(result.Outcome.History, Has.Count.EqualTo(3));
        Assert.That(lines, Does.Contain("model: 4 → dense 8 → relu → dense 3"));
        Assert.That(cli.EpochRows.Select(Figures), Is.EqualTo(lines.Split('\n').Where(l => CliRun.IsEpochRow(l, 1) || CliRun.IsEpochRow(l, 2) || CliRun.IsEpochRow(l, 3)).Select(Figures)));
    }

    /// <summary>A request whose settings are null has them picked from the data by the recipe, once, and the picked
    /// lines are printed and handed back; a given setting is kept.</summary>
    [Test]
    public void TheRecipeFillsTheSettingsTheRequestLeavesNull()
    {
        var request = new TrainingRequest { DataPath = Iris, Seed = 1, PickDefaultsFromData = true, Settings = new TrainingSettings(Hidden: [8], Epochs: 2, BatchSize: 16), Hidden = [8], Epochs = 2, BatchSize = 16 };

        var (result, lines) = Run(request);

        var used = result.Used;
        Assert.That(used.Optimizer, Is.EqualTo(DefaultRecipe.Optimizer));
        Assert.That(used.Patience, Is.Not.Null.And.GreaterThan(0));
        Assert.That(used.MinImprovement, Is.EqualTo(DefaultRecipe.MinImprovement));
        Assert.That((used.Hidden, used.Epochs, used.BatchSize, used.Ensemble), Is.EqualTo((request.Hidden, 2, 16, 1)), "given settings are kept");
        Assert.That(result.Picked, Is.Not.Empty.And.All.StartsWith(RecipeFill.Prefix));
        Assert.That(result.Picked, Has.None.StartsWith(RecipeFill.Prefix + "batch").And.None.StartsWith(RecipeFill.Prefix + "hidden"));
        Assert.That(lines, Does.Contain(string.Join(Environment.NewLine, result.Picked)));
    }

    /// <summary>A request built in code without <see cref="TrainingRequest.PickDefaultsFromData"/> keeps its fixed
    /// values: nothing is picked, nothing said.</summary>
    [Test]
    public void ARequestThatPicksNothingKeepsItsFixedValues()
    {
        var request = new TrainingRequest { DataPath = Iris };

        var (used, lines) = request.FillFromData(trainRows: 120, inputs: 4, outputs: 3, resumed: false);

        Assert.That(used, Is.SameAs(request));
        Assert.That(lines, Is.Empty);
        Assert.That((used.Optimizer, used.LearningRate, used.BatchSize, used.Epochs), Is.EqualTo((RecipeFill.FixedOptimizer, RecipeFill.FixedLearningRate, RecipeFill.FixedBatchSize, RecipeFill.FixedEpochs)));
    }

    /// <summary>The settings a caller gives are in use at once; those not given are at the fixed values, and stay null
    /// in <see cref="TrainingRequest.Settings"/> for the recipe.</summary>
    [Test]
    public void GivenSettingsAreInUseAndTheRestAtTheFixedValues()
    {
        var given = new TrainingSettings(BatchSize: 16, Patience: 0, Schedule: LearningRateScheduleKind.Plateau, LearningRateFactor: 0.25, Layers: "dense:4,relu,dense");

        var request = new TrainingRequest { DataPath = Iris }.WithGiven(given);

        Assert.That(request.Settings, Is.SameAs(given));
        Assert.That((request.BatchSize, request.Patience, request.Schedule.Kind, request.Schedule.Factor, request.Layers),
            Is.EqualTo((16, (int?)null, LearningRateScheduleKind.Plateau, 0.25, "dense:4,relu,dense")), "patience 0 never stops early");
        Assert.That((request.Optimizer, request.LearningRate, request.WeightDecay, request.Momentum, request.Epochs),
            Is.EqualTo((RecipeFill.FixedOptimizer, RecipeFill.FixedLearningRate, RecipeFill.FixedWeightDecay, RecipeFill.FixedMomentum, RecipeFill.FixedEpochs)));
    }

    /// <summary>The pipeline names a setting as the caller does: a request built in code in its own words, the command
    /// line by its options (the same refusal, there with "--label-smoothing", is in <c>EnsembleRunTests</c>).</summary>
    [Test]
    public void ARefusalNamesTheSettingAsTheCallerNamesIt()
    {
        var request = new TrainingRequest { DataPath = RepoPaths.Data("diabetes.csv"), LabelSmoothing = 0.1, Epochs = 1 };

        Assert.That(() => Run(request), Throws.TypeOf<InputException>().With.Message.EqualTo(
            "label smoothing smooths class targets, but 'progression' is a regression target; leave it out, or pass the classification task"));
        Assert.That(() => Run(request with { Names = new SettingNames(LabelSmoothing: "--ls", ClassificationTask: "--task c") }),
            Throws.TypeOf<InputException>().With.Message.StartsWith("--ls smooths class targets").And.Message.EndsWith("pass --task c"));
    }

    private static (TrainingResult Result, string Lines) Run(TrainingRequest request)
    {
        var lines = new StringWriter();
        using var workers = new WorkerPool(1);
        var result = TrainingPipeline.Run(request, resumed: null, new Parallelism(workers, BlasBackend.Gemm<float>(), request.Seed), new TrainingHooks(lines));
        return (result, lines.ToString());
    }

    // An epoch row without its timing: "  2/3      0.5514      0.4646    0.8000".
    private static string Figures(string row) => string.Join(' ', row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
}
