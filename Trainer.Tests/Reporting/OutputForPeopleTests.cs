using System.Globalization;
using NeuralNet.Cli;
using NeuralNet.Reporting;
using NeuralNet.Tests.Cli;
using NeuralNet.Training;

namespace NeuralNet.Tests.Reporting;

/// <summary>What a person reads: no columns of NaN without a validation split, no per-epoch samples/s from timer
/// noise, the average speed in the summary, a chart that marks the best epoch and stays readable when epoch 1 is far
/// above the rest, the learning rate in the history file, and --hidden's default as it is typed.</summary>
public class OutputForPeopleTests
{
    [Test]
    public void WithoutAValidationSplitTheValidationColumnsAndLegendAreLeftOut()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--val-split", "0", "--epochs", "3");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Not.Contain("NaN").And.Not.Contain("val_loss"));
        Assert.That(run.Line("epoch"), Is.EqualTo("epoch  train_loss   seconds   samples/s"));
        Assert.That(run.Line("best epoch 3: "), Does.Match(@"^best epoch 3: train_loss \d\.\d{4} \(no validation split\)$"));
        Assert.That(run.Line("loss "), Is.EqualTo("loss   * train   ^ best epoch (3)"));
    }

    [Test]
    public void AnEpochUnderAMillisecondShowsNoSamplesPerSecond()
    {
        var fast = new EpochResult(2, 0.5, 0.4, 0.9, 0.0004, 120);
        var timed = new EpochResult(1, 0.5, 0.4, 0.9, 0.002, 120);

        Assert.That(RunLines.FormatEpoch(fast, 10), Is.EqualTo(" 2/10      0.5000      0.4000    0.9000     0.000"));
        Assert.That(RunLines.FormatEpoch(timed, 10), Is.EqualTo(" 1/10      0.5000      0.4000    0.9000     0.002      60,000"));
        Assert.That(TrainSummary.SpeedLine([timed, fast]), Is.EqualTo("speed: 100,000 samples/s on average (2 epochs, 0.002 s training)"));
    }

    [Test]
    public void TheSummaryGivesTheAverageSpeed()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--epochs", "4");

        Assert.That(run.Line("speed: "), Does.Match(@"^speed: [\d,]+ samples/s on average \(4 epochs, \d+\.\d{3} s training\)$"));
    }

    [Test]
    public void TheChartMarksTheBestEpochOnTheAxis()
    {
        double[] train = [.. Enumerable.Range(0, 100).Select(i => 1.0 / (i + 2))];
        double[] validation = [.. Enumerable.Range(0, 100).Select(i => Math.Abs(i - 59) / 100.0 + 0.1)];

        string chart = LossChart.Draw([("train", '*', train), ("validation", 'o', validation)], bestEpoch: 60);

        var lines = chart.Split('\n');
        Assert.That(lines[0], Does.EndWith("# both   ^ best epoch (60)"));
        string axis = lines.Single(l => l.TrimStart().StartsWith('+'));
        // Epoch 60 of 100 over 68 columns: column round(59/99·67) = 40 after the '+'.
        Assert.That(axis.IndexOf('^', StringComparison.Ordinal) - axis.IndexOf('+', StringComparison.Ordinal) - 1, Is.EqualTo(40));
        Assert.That(axis.Count(c => c == '^'), Is.EqualTo(1));
    }

    [Test]
    public void AFirstEpochFarAboveTheRestIsLeftAboveTheTopSoALongRunStaysReadable()
    {
        // 300 epochs: epoch 1 at 5.0, then a slow fall from 0.6 to 0.1.
        double[] train = [5.0, .. Enumerable.Range(1, 299).Select(i => 0.1 + 0.5 * Math.Exp(-i / 60.0))];

        string chart = LossChart.Draw([("train", '*', train)]);

        var lines = chart.Split('\n');
        Assert.That(lines[1], Does.StartWith("  0.5").And.Contain("|"), "the top of the axis is epoch 2's loss, not epoch 1's");
        Assert.That(chart, Does.Contain("(epoch 1, 5.0000, is above the top: the axis is fitted to epochs 2-300)"));
        // The fall uses the height: the middle row holds points.
        Assert.That(lines[1 + LossChart.Height / 2].Trim(), Does.Contain("*"));
    }

    [Test]
    public void AChartWithoutAnOutlierIsNotClipped()
    {
        double[] train = [.. Enumerable.Range(0, 30).Select(i => 1.0 - i / 30.0)];

        string chart = LossChart.Draw([("train", '*', train)]);

        Assert.That(chart, Does.Not.Contain("above the top"));
        Assert.That(chart.Split('\n')[1], Does.StartWith("  1.0000 |*"));
    }

    [Test]
    public void TheHistoryFileHasEachEpochsLearningRate()
    {
        using var temp = new TempFolder();
        string history = temp.File("h.csv");

        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--epochs", "5", "--lr", "0.01", "--lr-schedule", "step", "--lr-step-epochs", "2", "--lr-gamma", "0.5", "--history", history);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var rows = File.ReadAllLines(history);
        Assert.That(rows[0], Is.EqualTo("epoch,train_loss,val_loss,val_metric,seconds,lr"));
        var rates = rows.Skip(1).Select(r => double.Parse(r.Split(',')[5], CultureInfo.InvariantCulture)).ToArray();
        Assert.That(rates, Is.EqualTo(new[] { 0.01, 0.01, 0.005, 0.005, 0.0025 }).Within(1e-9));
    }

    [Test]
    public void HelpShowsTheHiddenDefaultAsItIsTyped()
    {
        var help = CliRun.Of("train", "--help");

        Assert.That(help.Output, Does.Contain("'none' for a linear model [default: from the data: 256,128 under").And.Not.Contain("64|32"));
    }

    [Test]
    public void QuietPrintsOnlyTheSummary()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--epochs", "3", "--patience", "0", "--quiet");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var lines = run.Output.TrimEnd().Split('\n');
        Assert.That(lines.Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "best", "final", "speed:", "val", "weights", "model" }), run.Output);
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public void VerbosePrintsEachFeaturesEncoding()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--epochs", "1", "-v");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Line("feature 'sepal_length': "), Does.Match(@"^feature 'sepal_length': numeric, mean 5\.\d+, scale 0\.\d+; missing → 5\.8 \(median\)$"));
        Assert.That(run.Output.Split('\n').Count(l => l.StartsWith("feature '", StringComparison.Ordinal)), Is.EqualTo(4));
    }

    [Test]
    public void QuietAndVerboseTogetherAreOneLine()
    {
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--quiet", "--verbose");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo("error: --quiet and --verbose contradict each other; give one of them (see --help)\n"));
    }
}
