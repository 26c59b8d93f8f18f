using System.Text.RegularExpressions;
using NeuralNet.Cli;
using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

public class TrainingControlTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    [Test]
    public void InterruptFinishesTheBatchSavesTheBestAndExits130()
    {
        string model = _temp.File("m.json");
        using var signal = new InterruptSignal(TextWriter.Null, _ => Assert.Fail("the first press must not exit"));
        // Ctrl+C "pressed" as soon as epoch 2 is printed, through the same token the console handler cancels.
        var output = new ActingWriter(line => CliRun.IsEpochRow(line, 2), () => signal.Press());

        var result = CliRun.Of(output, signal.Token, RepoPaths.Data("iris.csv"), "--epochs", "50", "--ensemble", "1", "--save", model);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Interrupted), result.ToString());
        Assert.That(result.Output, Does.Contain("interrupted after 2 full epochs").And.Contain("weights sha256"));
        Assert.That(result.EpochRows, Has.Length.EqualTo(2));
        Assert.That(ModelSerializer.Load(model).Metrics!.Epoch, Is.EqualTo(1).Or.EqualTo(2));
    }

    [Test]
    public void AnInterruptBeforeTheFirstEpochEndsSavesNothing()
    {
        string model = _temp.File("m.json");
        using var signal = new InterruptSignal(TextWriter.Null, _ => Assert.Fail("the first press must not exit"));
        signal.Press();

        var result = CliRun.Of(new StringWriter(), signal.Token, RepoPaths.Data("iris.csv"), "--epochs", "5", "--save", model);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Interrupted), result.ToString());
        Assert.That(result.Error, Does.Contain("no epoch finished, so there is no model to save"));
        Assert.That(File.Exists(model), Is.False);
    }

    [Test]
    public void WithoutValidationADivergedEpochIsNotKeptAsTheBest()
    {
        // No validation rows: the training loss, measured before each update, looks fine after epoch 1 even though
        // the update blew the weights up; the end-of-epoch check must refuse them instead of saving a NaN model.
        string data = _temp.File("t.csv", "a,y\n1,2\n2,4\n3,6\n4,8\n");
        string model = _temp.File("m.json");

        // The largest --lr and --weight-decay multiply the weights by about 1e6 per layer in one step: 7 hidden layers overflow.
        var result = CliRun.Of(data, "--epochs", "3", "--optimizer", "sgd", "--lr", "1000", "--weight-decay", "1000", "--hidden", "8,8,8,8,8,8,8", "--save", model);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NonFiniteLoss), result.ToString());
        Assert.That(result.Error, Does.Contain("no epoch ended with weights that give finite outputs, so there is no model to save"));
        Assert.That(result.Error, Does.Contain("Try a lower --lr (it was 1000) or --weight-decay (it was 1000) or --momentum (it was 0.9)"),
            "the hint names every option that scales the step, not only --lr");
        Assert.That(File.Exists(model), Is.False);
    }

    [Test]
    public void NesterovWithoutMomentumIsAUsageError()
    {
        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--nesterov", "--momentum", "0");
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Is.EqualTo("error: --nesterov needs --momentum greater than 0 (it is 0)\n"));
    }

    // The check used to run as a command validator, which reads an option left at its default as 0: "--nesterov"
    // without "--momentum" always failed, and with it the result depended on how the parse tree was built. Each run
    // builds a new tree, so repeating the parse covers that too.
    [TestCase("--nesterov")]
    [TestCase("--momentum", "0.9", "--nesterov")]
    [TestCase("--nesterov", "--momentum", "0.5")]
    public void NesterovWithTheDefaultOrAGivenMomentumTrainsEveryTime(params string[] options)
    {
        for (int run = 0; run < 10; run++)
        {
            var result = CliRun.Train([RepoPaths.Data("wine.csv"), .. options, "--batch-size", "7"]);
            Assert.That(result.ExitCode, Is.Zero, $"run {run}: {result}");
            Assert.That(result.Output, Does.Contain("(Nesterov)"));
        }
    }

    [Test]
    public void ASecondPressExitsAtOnceWith130()
    {
        int? exitCode = null;
        using var signal = new InterruptSignal(TextWriter.Null, code => exitCode = code);

        bool keepRunning = signal.Press();
        Assert.That((keepRunning, signal.Token.IsCancellationRequested, exitCode), Is.EqualTo((true, true, (int?)null)));

        keepRunning = signal.Press();
        Assert.That((keepRunning, exitCode), Is.EqualTo((false, (int?)130)));
    }

    [Test]
    public void ANonFiniteLossStopsWithExitCode3AndKeepsTheLastGoodModel()
    {
        string model = _temp.File("m.json");

        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "30", "--optimizer", "sgd", "--lr", "2", "--ensemble", "1", "--save", model);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NonFiniteLoss), result.ToString());
        Assert.That(result.Error, Does.Match(@"at epoch \d+, batch \d+; first non-finite output: layer \d+ \(dense \d+→\d+\)\. Try a lower --lr \(it was 2\)"));
        var saved = ModelSerializer.Load(model);
        Assert.That(saved.Network.Parameters.SelectMany(p => p.Values).All(float.IsFinite), Is.True);
        Assert.That(result.Output, Does.Contain($"weights sha256 {saved.WeightsSha256}"));
    }

    [Test]
    public void ANonFiniteLossBeforeAnyEpochSavesNothing()
    {
        string model = _temp.File("m.json");

        var result = CliRun.Of(RepoPaths.Data("diabetes.csv"), "--epochs", "3", "--lr", "5", "--save", model);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NonFiniteLoss), result.ToString());
        Assert.That(result.Error, Does.Contain("at epoch 1, batch").And.Contain("no model to save"));
        Assert.That(File.Exists(model), Is.False);
    }

    [Test]
    public void PatienceStopsEarlyAndSavesTheBestEpoch()
    {
        string model = _temp.File("m.json");
        string history = _temp.File("h.csv");

        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "60", "--lr", "0.3", "--seed", "1", "--patience", "3", "--ensemble", "1", "--save", model, "--history", history);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var rows = File.ReadAllLines(history).Skip(1).Select(l => l.Split(',')).ToArray();
        var best = rows.MinBy(r => double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.That(rows, Has.Length.LessThan(60));
        Assert.That(result.Output, Does.Contain($"restored the weights of epoch {best[0]}"));
        var saved = ModelSerializer.Load(model);
        Assert.That(saved.Metrics!.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(best[0]));
        Assert.That(saved.Metrics.Validation!.Loss.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(best[2]));
    }

    [Test]
    public void PatienceWithoutAValidationSplitIsAUsageError()
    {
        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--val-split", "0", "--patience", "3");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--patience").And.Contain("--val-split"));
    }

    [Test]
    public void TheEpochLineShowsTheLearningRateWhenItChanges()
    {
        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "5", "--lr", "0.01", "--lr-schedule", "step", "--lr-step-epochs", "2", "--lr-gamma", "0.5", "--save", _temp.File("m.json"));

        var rates = result.EpochRows.Select(l => Regex.Match(l, @"  lr (\S+)$")).Select(m => m.Success ? m.Groups[1].Value : null).ToArray();
        Assert.That(rates, Is.EqualTo(new[] { null, null, "0.005", null, "0.0025" }));
    }

    [Test]
    public void TheSameSeedGivesTheSameWeightsHash()
    {
        string Hash() => Regex.Match(CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "3", "--seed", "7", "--save", _temp.File("m.json")).Output, "weights sha256 ([0-9a-f]{64})").Groups[1].Value;

        string first = Hash();

        Assert.That(first, Has.Length.EqualTo(64));
        Assert.That(Hash(), Is.EqualTo(first));
    }

    /// <summary>Standard output that runs an action once, when a line matching a condition is written.</summary>
    private sealed class ActingWriter(Func<string, bool> when, Action action) : StringWriter
    {
        private bool _done;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (!_done && value is not null && when(value))
            {
                _done = true;
                action();
            }
        }
    }
}
