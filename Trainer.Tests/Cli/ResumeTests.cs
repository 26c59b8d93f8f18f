using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

public class ResumeTests
{
    [Test]
    public void ResumeStartsFromTheSavedWeightsAndPreprocessing()
    {
        using var temp = new TempFolder();
        string first = temp.File("first.json"), second = temp.File("second.json");
        var original = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "3", "--seed", "4", "--ensemble", "1", "--save", first);
        Assert.That(original.ExitCode, Is.Zero, original.ToString());

        // A step too small to move any weight: the resumed model must be the saved one, bit for bit, and its first
        // epoch's validation loss that of the saved model (same seed, same split, same scaling).
        var resumed = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--seed", "4", "--lr", "1e-30", "--momentum", "0", "--weight-decay", "0",
            "--resume", first, "--save", second);

        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(resumed.Output, Does.Contain($"resumed from {first}"));
        var saved = ModelSerializer.Load(second);
        Assert.That(saved.WeightsSha256, Is.EqualTo(ModelSerializer.Load(first).WeightsSha256));
        Assert.That(saved.Run!.Layers, Is.EqualTo("dense:256,relu,dense:128,relu,dense:3"), "the saved network's layers");
        Assert.That(saved.Run.ResumedFrom, Is.EqualTo(first));
        Assert.That(ValidationLoss(resumed, 1), Is.EqualTo(KeptValidationLoss(original)));
    }

    [Test]
    public void ResumingOnNewRowsSaysTheirUnseenCategoriesAndMissingValues()
    {
        using var temp = new TempFolder();
        string first = temp.File("first.csv", "a,c,y\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{(i % 2 == 0 ? "p" : "q")},{(i < 10 ? "x" : "z")}\n")));
        string next = temp.File("next.csv", "a,c,y\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{(i % 5 == 0 ? "" : i)},{(i % 4 == 0 ? "r" : "q")},{(i < 10 ? "x" : "z")}\n")));
        string model = temp.File("m.json");
        Assert.That(CliRun.Train(first, "--save", model).ExitCode, Is.Zero);

        var resumed = CliRun.Train(next, "--resume", model, "--save", temp.File("again.json"));

        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(resumed.Line("unseen: "), Is.EqualTo($"unseen: {next}: 5 values of categories the training data did not have, encoded as all zeros (--unknown-category error refuses them): 'c' 5 (e.g. 'r')"));
        Assert.That(resumed.Line("missing: "), Is.EqualTo("missing: 'a': 4 values filled with the training rows' median 9 (--missing error refuses them)"));
    }

    [Test]
    public void ResumingOnAFileWithoutTheModelsColumnsIsABadInput()
    {
        using var temp = new TempFolder();
        string model = temp.File("iris.json");
        Assert.That(CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--save", model).ExitCode, Is.Zero);

        var result = CliRun.Of(RepoPaths.Data("diabetes.csv"), "--epochs", "1", "--resume", model);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("diabetes.csv").And.Contain("there is no target column 'species'"));
    }

    [TestCase("--target sepal_length contradicts the resumed model {0}, which predicts 'species'; leave --target out when resuming", "--target", "sepal_length", "--task", "regression", "--layers", "dense:8", "--drop", "petal_width")]
    [TestCase("--task regression contradicts the resumed model {0}, which is a classification model; leave --task out when resuming", "--task", "regression")]
    [TestCase("--layers dense:8 contradicts the resumed model {0}, which has the layers dense:8,relu,dense:3; leave --layers out when resuming", "--layers", "dense:8")]
    [TestCase("--hidden 3 contradicts the resumed model {0}, which has the layers dense:8,relu,dense:3; leave --hidden out when resuming", "--hidden", "3")]
    [TestCase("--hidden none contradicts the resumed model {0}, which has the layers dense:8,relu,dense:3; leave --hidden out when resuming", "--hidden", "none")]
    [TestCase("--drop petal_width contradicts the resumed model {0}, which dropped no column with --drop; leave --drop out when resuming", "--drop", "petal_width")]
    [TestCase("--layers dense:8,relu,dense:4 contradicts the resumed model {0}, which has the layers dense:8,relu,dense:3; leave --layers out when resuming", "--layers", "dense:8,relu,dense:4")]
    [TestCase("--target 0 contradicts the resumed model {0}, which predicts 'species'; leave --target out when resuming", "--target", "0")]
    [TestCase("--drop 0 contradicts the resumed model {0}, which dropped no column with --drop; leave --drop out when resuming", "--drop", "0")]
    [TestCase("--missing mean contradicts the resumed model {0}, which was trained with --missing median; leave --missing out when resuming", "--missing", "mean")]
    public void AFlagThatContradictsTheResumedModelIsNamed(string expected, params string[] flags)
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--hidden", "8", "--blas", "managed", "--save", model).ExitCode, Is.Zero);

        var result = CliRun.Of([RepoPaths.Data("iris.csv"), "--epochs", "1", "--blas", "managed", "--resume", model, "--save", temp.File("again.json"), .. flags]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Is.EqualTo("error: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, model) + Environment.NewLine));
        Assert.That(File.Exists(temp.File("again.json")), Is.False, "refused before training");
    }

    [Test]
    public void AFormatTwoFileCannotBeResumed()
    {
        // Its preprocessing is not covered by any hash: resuming would sign an edit to it as a genuine format-3 file.
        using var temp = new TempFolder();
        string model = temp.File("m.json"), old = temp.File("old.json"), again = temp.File("again.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", model).ExitCode, Is.Zero);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(model))!;
        json["format_version"] = 2;
        json.AsObject().Remove("document_sha256");
        json.AsObject().Remove("run");
        File.WriteAllText(old, json.ToJsonString());

        var result = CliRun.Train(RepoPaths.Data("iris.csv"), "--resume", old, "--save", again);

        Assert.That(result.Error, Is.EqualTo($"error: --resume {old}: a format_version 2 file cannot be resumed: only its weights are covered by a hash, so its preprocessing and layers cannot be verified (predict and evaluate still read it); train a new model" + Environment.NewLine));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(File.Exists(again), Is.False);
        Assert.That(CliRun.Of("evaluate", old, RepoPaths.Data("iris.csv")).ExitCode, Is.Zero, "still read by evaluate");
    }

    [TestCase("--hidden", "8")]
    [TestCase("--layers", "dense:8,relu,dense")]
    [TestCase("--layers", "dense:8,relu,dense:3")]
    [TestCase("--target", "4")]
    [TestCase("--target", "-1")]
    [TestCase("--target", "SPECIES")]
    [TestCase("--target", "species", "--task", "classification")]
    [TestCase("--missing", "drop-rows", "--unknown-category", "ignore")]
    [TestCase("--optimizer", "adam", "--lr", "0.001", "--batch-size", "8", "--lr-schedule", "step", "--patience", "3", "--seed", "9", "--val-split", "0.2")]
    [TestCase("--val-split", "0")]
    public void FlagsThatAgreeWithTheModelOrMayChangeAreAccepted(params string[] flags)
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--hidden", "8", "--blas", "managed", "--save", model).ExitCode, Is.Zero);

        var result = CliRun.Of([RepoPaths.Data("iris.csv"), "--epochs", "1", "--blas", "managed", "--resume", model, "--save", temp.File("again.json"), .. flags]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [TestCase("0")]
    [TestCase("sepal_length")]
    [TestCase("-5")]
    public void ADropByIndexThatNamesTheDroppedColumnAgrees(string drop)
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--hidden", "8", "--blas", "managed", "--drop", "sepal_length", "--save", model).ExitCode, Is.Zero);

        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--blas", "managed", "--resume", model, "--save", temp.File("again.json"), "--drop", drop);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public void AnotherSeedKeepsTheSavedSplitAndSaysSo()
    {
        using var temp = new TempFolder();
        string first = temp.File("first.json"), second = temp.File("second.json");
        var original = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "3", "--seed", "4", "--val-split", "0.3", "--ensemble", "1", "--save", first);
        Assert.That(original.ExitCode, Is.Zero, original.ToString());

        // A step too small to move any weight: the same validation rows give the same validation loss.
        var resumed = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--seed", "5", "--lr", "1e-30", "--momentum", "0", "--weight-decay", "0",
            "--resume", first, "--save", second);

        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(resumed.Line("split: "), Is.EqualTo("split: the resumed model's (seed 4, val-split 0.3), so its validation rows stay rows it never trained on; --seed 5 drives the shuffling and dropout"));
        Assert.That(ValidationLoss(resumed, 1), Is.EqualTo(KeptValidationLoss(original)));
        Assert.That(ModelSerializer.Load(second).Run!.ValidationSplit, Is.EqualTo(0.3));
    }

    [Test]
    public void AnotherValidationShareIsRefused()
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--hidden", "8", "--blas", "managed", "--save", model).ExitCode, Is.Zero);

        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--blas", "managed", "--resume", model, "--val-split", "0.5", "--save", temp.File("again.json"));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Is.EqualTo($"error: --val-split 0.5 contradicts the resumed model {model}, which held out 0.2 of its rows for validation: other validation rows would include rows it trained on; leave --val-split out, or pass --val-split 0 to train on every row{Environment.NewLine}"));
    }

    // The third column of the epoch's row: epoch, train_loss, val_loss.
    /// <summary>The validation loss of the epoch whose weights were saved: the kept (best) one, not always the last.</summary>
    private static string KeptValidationLoss(CliRun result) =>
        ValidationLoss(result, int.Parse(System.Text.RegularExpressions.Regex.Match(result.Line("kept (epoch "), @"^kept \(epoch (\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static string ValidationLoss(CliRun result, int epoch) =>
        result.EpochRows.Single(row => CliRun.IsEpochRow(row, epoch)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
}
