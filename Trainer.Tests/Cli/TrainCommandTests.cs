using System.Globalization;
using NeuralNet.Reporting;

namespace NeuralNet.Tests.Cli;

[NonParallelizable] // each run makes the startup BLAS choice (BlasBackend.Use) that the layers it builds are given
public class TrainCommandTests
{
    [Test]
    public void TrainingOnIrisPrintsEpochLinesAChartAndWritesTheReportAndHistory()
    {
        using var temp = new TempFolder();
        string report = temp.File("run.json"), history = temp.File("history.csv");
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "60", "--report", report, "--history", history);

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Error, Is.Empty);
        var lines = run.Output.Split('\n');
        Assert.That(lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+/60\s")), Is.EqualTo(60));
        Assert.That(lines, Has.Some.Match(@"^\s*epoch\s+train_loss\s+val_loss\s+val_acc\s+seconds\s+samples/s$"));
        Assert.That(run.Output, Does.Contain("task: classification, 3 classes: setosa (50), versicolor (50), virginica (50)"));
        Assert.That(run.Output, Does.Contain("split: 150 rows in 5 stratified folds (seed 0); each of the 5 members of the ensemble is validated on its own fold and trains on the others"));
        Assert.That(run.Output, Does.Contain("* train").And.Contain("o validation"));
        // The epoch table, the summary and the chart fit an 80-column terminal (lines naming paths may not).
        var table = lines.SkipWhile(l => !l.TrimStart().StartsWith("epoch", StringComparison.Ordinal)).ToArray();
        Assert.That(table, Has.Length.GreaterThan(60 + LossChart.Height));
        Assert.That(table.Max(l => l.Length), Is.LessThanOrEqualTo(80));

        var summary = RunReport.FromJson(File.ReadAllText(report));
        Assert.That(summary.Task, Is.EqualTo("classification"));
        Assert.That(summary.Metric, Is.EqualTo("accuracy"));
        Assert.That(summary.Validation!.Metric, Is.GreaterThan(0.85), "iris is learned");
        Assert.That(summary.EpochSeconds, Has.Count.EqualTo(60));
        Assert.That(summary.WeightsSha256, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(summary.Test, Is.Null);
        Assert.That(run.Output, Does.Contain($"weights sha256 {summary.WeightsSha256}"));

        var rows = File.ReadAllLines(history);
        Assert.That(rows[0], Is.EqualTo("epoch,train_loss,val_loss,val_metric,seconds,lr"));
        Assert.That(rows.Skip(1).Select(r => r.Split(',')[5]).Distinct(), Is.EqualTo(new[] { "0.003" }), "the rate of every epoch");
        Assert.That(rows, Has.Length.EqualTo(61));
        double first = double.Parse(rows[1].Split(',')[1], CultureInfo.InvariantCulture);
        double last = double.Parse(rows[^1].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.That(last, Is.LessThan(first / 3), "the training loss falls");
    }

    [Test]
    public void TheReportJsonHasTheDocumentedKeys()
    {
        using var temp = new TempFolder();
        string report = temp.File("run.json");
        string test = temp.File("test.csv");
        File.Copy(RepoPaths.Data("diabetes.csv"), test);
        var run = CliRun.Of(RepoPaths.Data("diabetes.csv"), "--epochs", "3", "--ensemble", "1", "--report", report, "--test", test);
        Assert.That(run.ExitCode, Is.Zero, run.Error);

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.That(keys, Is.EquivalentTo(new[] { "task", "metric", "best_epoch", "val", "test", "load_seconds", "epoch_seconds", "samples_per_second", "weights_sha256" }));
        Assert.That(json.RootElement.GetProperty("task").GetString(), Is.EqualTo("regression"));
        Assert.That(json.RootElement.GetProperty("metric").GetString(), Is.EqualTo("r2"));
        Assert.That(json.RootElement.GetProperty("test").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "loss", "metric", "rmse", "mae" }));
        Assert.That(run.Output, Does.Contain("task: regression"));
    }

    [Test]
    public void TheSameSeedGivesTheSameLossesAndWeightsAndAnotherSeedDoesNot()
    {
        using var temp = new TempFolder();
        string[] Run(string name, int seed)
        {
            string report = temp.File(name + ".json"), history = temp.File(name + ".csv");
            var run = CliRun.Of(RepoPaths.Data("wine.csv"), "--epochs", "15", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--report", report, "--history", history);
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            // Losses and metrics, without the timing column.
            var losses = File.ReadAllLines(history).Skip(1).Select(row => string.Join(',', row.Split(',')[..4]));
            return [.. losses, RunReport.FromJson(File.ReadAllText(report)).WeightsSha256];
        }

        var a = Run("a", 7);
        var b = Run("b", 7);
        var c = Run("c", 8);
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c[^1], Is.Not.EqualTo(a[^1]));
    }

    [Test]
    public void TheTargetCanBeChosenByNameOrIndexAndTheTaskForced()
    {
        var byName = CliRun.Of(RepoPaths.Data("diabetes.csv"), "--epochs", "1", "--target", "sex");
        Assert.That(byName.ExitCode, Is.Zero, byName.Error);
        Assert.That(byName.Output, Does.Contain("target 'sex'").And.Contain("task: classification, 2 classes: 1 (235), 2 (207)"));

        var byIndex = CliRun.Of(RepoPaths.Data("diabetes.csv"), "--epochs", "1", "--target", "1", "--task", "regression");
        Assert.That(byIndex.ExitCode, Is.Zero, byIndex.Error);
        Assert.That(byIndex.Output, Does.Contain("target 'sex'").And.Contain("task: regression"));
    }

    [Test]
    public void HelpListsTheOptions()
    {
        var run = CliRun.Of("--help");
        Assert.That(run.ExitCode, Is.Zero);
        foreach (var option in new[] { "--target", "--task", "--val-split", "--test", "--hidden", "--epochs", "--batch-size", "--lr", "--momentum", "--weight-decay", "--nesterov", "--seed", "--history", "--report", "--blas" })
            Assert.That(run.Output, Does.Contain(option));
    }
}
