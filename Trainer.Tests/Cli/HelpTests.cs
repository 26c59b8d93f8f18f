namespace NeuralNet.Tests.Cli;

public class HelpTests
{
    [TestCase(new string[0], "train")]
    [TestCase(new[] { "train" }, "--save")]
    [TestCase(new[] { "predict" }, "--out")]
    [TestCase(new[] { "evaluate" }, "MODEL.json")]
    public void EveryVerbHasHelp(string[] verb, string mentioned)
    {
        var result = Cli.Run([.. verb, "--help"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("Usage:").And.Contain(mentioned));
    }

    [Test]
    public void AnUnknownOptionIsOneLineAndExitCode2()
    {
        var result = Cli.Run("predict", "m.json", "d.csv", "--no-such-option");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.TrimEnd(), Does.StartWith("error:").And.Not.Contain("\n"));
    }
}
