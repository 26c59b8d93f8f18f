using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>The numeric options of issue 12: each bad value is one line naming the option, the value and what is
/// allowed, exit code 2, before any work (no BLAS line, no data read).</summary>
public class NumericOptionTests
{
    private const string Positive = "a number in (0, 1000]";
    private const string Fraction = "a number in [0, 1)";
    private const string Count = "a whole number of at least 1";

    [TestCase("--lr", "abc", Positive)]
    [TestCase("--lr", "1e39", Positive)]
    [TestCase("--lr", "NaN", Positive)]
    [TestCase("--lr", "", Positive)]
    [TestCase("--lr", "-1", Positive)]
    [TestCase("--lr", "0", Positive)]
    [TestCase("--lr", "Infinity", Positive)]
    [TestCase("--epochs", "abc", "a whole number from 1 to 1000000")]
    [TestCase("--epochs", "1e3", "a whole number from 1 to 1000000")]
    [TestCase("--epochs", "5.0", "a whole number from 1 to 1000000")]
    [TestCase("--epochs", "99999999999", "a whole number from 1 to 1000000")]
    [TestCase("--epochs", "1e400", "a whole number from 1 to 1000000")]
    [TestCase("--epochs", "1000001", "a whole number from 1 to 1000000")]
    [TestCase("--batch-size", "x", Count)]
    [TestCase("--batch-size", "0", Count)]
    [TestCase("--val-split", "abc", Fraction)]
    [TestCase("--val-split", "1", Fraction)]
    [TestCase("--patience", "abc", "a whole number of at least 0")]
    [TestCase("--patience", "-1", "a whole number of at least 0")]
    [TestCase("--momentum", "abc", Fraction)]
    [TestCase("--momentum", "1", Fraction)]
    [TestCase("--weight-decay", "abc", "a number in [0, 1000]")]
    [TestCase("--weight-decay", "1e30", "a number in [0, 1000]")]
    [TestCase("--beta1", "abc", Fraction)]
    [TestCase("--beta2", "NaN", Fraction)]
    [TestCase("--lr-gamma", "abc", "a number in (0, 1]")]
    [TestCase("--lr-factor", "abc", "a number in (0, 1)")]
    [TestCase("--lr-step-epochs", "abc", Count)]
    [TestCase("--lr-patience", "abc", Count)]
    [TestCase("--seed", "x", "a whole number of at least 0")]
    [TestCase("--seed", "-1", "a whole number of at least 0")]
    public void ABadNumberIsOneLineNamingTheOptionTheValueAndTheRange(string option, string value, string allowed)
    {
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), option, value);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Error, Is.EqualTo($"error: {option} must be {allowed}, not '{value}' (see --help)\n"));
        Assert.That(run.Output, Is.Empty, "nothing ran");
    }

    [TestCase("--beta2", "0.99999999999", Fraction, "1")]
    [TestCase("--momentum", "0.99999999999", Fraction, "1")]
    [TestCase("--beta1", "0.99999999999", Fraction, "1")]
    [TestCase("--lr", "1e-320", Positive, "0")]
    [TestCase("--lr", "1e-46", Positive, "0")]
    [TestCase("--lr-factor", "0.99999999999", "a number in (0, 1)", "1")]
    [TestCase("--val-split", "0.99999999999", Fraction, "1")]
    public void AValueThatLeavesTheRangeAsAFloatIsRefused(string option, string value, string allowed, string asFloat)
    {
        // In range as a double, out of it as the float training uses: Adam would divide by zero (beta2 1), momentum
        // 1 never decays, a learning rate of 0 trains nothing.
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), option, value);

        Assert.That(run.Error, Is.EqualTo($"error: {option} must be {allowed}, not '{value}', which is {asFloat} in the float precision training uses (see --help)\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Output, Is.Empty, "nothing ran");
    }

    [TestCase("0.9", "0.9")]
    [TestCase(" 0.5 ", "0.5")]
    [TestCase("5e-1", "0.5")]
    public void DecimalAndExponentFormsAreAccepted(string momentum, string shown)
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--momentum", momentum);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain($"momentum {shown}"));
    }

    [TestCase("1000")]
    [TestCase("1e-9")]
    public void TheEndsOfTheRangeAreAccepted(string lr)
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--lr", lr, "--val-split", "0.5");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success).Or.EqualTo(ExitCodes.NonFiniteLoss), run.ToString());
    }
}
