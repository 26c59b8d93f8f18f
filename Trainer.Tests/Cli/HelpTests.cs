namespace NeuralNet.Tests.Cli;

public class HelpTests
{
    [TestCase(new string[0], "train")]
    [TestCase(new[] { "train" }, "--save")]
    [TestCase(new[] { "predict" }, "--out")]
    [TestCase(new[] { "evaluate" }, "MODEL.json")]
    [TestCase(new[] { "export" }, "--format <onnx|safetensors>")]
    public void EveryVerbHasHelp(string[] verb, string mentioned)
    {
        var result = CliRun.Of([.. verb, "--help"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("Usage:").And.Contain(mentioned));
    }

    [TestCase("train", "  neuralnet train <DATA.csv> [options]", "<DATA.csv>  CSV file")]
    [TestCase("predict", "  neuralnet predict <MODEL.json> <DATA.csv> [options]", "<MODEL.json>  A model saved by train")]
    [TestCase("evaluate", "  neuralnet evaluate <MODEL.json> <DATA.csv> [options]", "<MODEL.json>  A model saved by train")]
    [TestCase("export", "  neuralnet export <MODEL.json> <OUT> [options]", "<MODEL.json>  A model saved by train")]
    public void EachVerbsUsageNamesTheToolAndOnlyItsOwnArguments(string verb, string usage, string firstArgument)
    {
        var result = CliRun.Of(verb, "--help");

        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(lines[lines.IndexOf("Usage:") + 1], Is.EqualTo(usage));
        Assert.That(lines[lines.IndexOf("Usage:") + 2], Is.Empty);
        Assert.That(lines[lines.IndexOf("Arguments:") + 1].Trim(), Does.StartWith(firstArgument));
        Assert.That(result.Output, Does.Not.Contain("Trainer"));
    }

    [Test]
    public void TheRootUsageShowsTheShortFormAndTheVerbs()
    {
        var result = CliRun.Of("--help");

        Assert.That(result.Output, Does.Contain("Usage:\n  neuralnet <DATA.csv> [options]   (short for 'neuralnet train <DATA.csv>')\n  neuralnet [command] ... [options]\n"));
        Assert.That(result.Output, Does.Contain("'neuralnet DATA.csv' is short for 'neuralnet train DATA.csv'"));
    }

    [Test]
    public void HelpAndTheReadmeListTheExitCodes()
    {
        var result = CliRun.Of("--help");

        Assert.That(result.Output.ReplaceLineEndings(" "), Does.Contain("Exit codes: 0 done; 2 bad input").And.Contain("3 training diverged")
            .And.Contain("130, 143, 129 stopped by Ctrl+C, SIGTERM, SIGHUP").And.Contain("1 a bug in the trainer"));
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.That(readme, Does.Contain("## Exit codes").And.Contain("| 130, 143, 129 |").And.Contain("| 1 | a bug in the trainer"));
    }

    [Test]
    public void AnUnknownOptionIsOneLineAndExitCode2()
    {
        var result = CliRun.Of("predict", "m.json", "d.csv", "--no-such-option");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.TrimEnd(), Does.StartWith("error:").And.Not.Contain("\n"));
    }

    [Test]
    public void AnUnwritableOutputFileIsOneLineAndExitCode2()
    {
        using var temp = new TempFolder();
        string blocker = temp.File("not-a-directory");
        File.WriteAllText(blocker, "");

        string model = Path.Combine(blocker, "m.json");

        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--save", model);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Is.EqualTo($"error: --save {model}: cannot be created because {blocker} is a file, not a folder\n"));
        Assert.That(result.EpochRows, Is.Empty, "checked before training");
    }
}
