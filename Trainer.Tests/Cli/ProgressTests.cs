using NeuralNet.Cli;
using Spectre.Console;

namespace NeuralNet.Tests.Cli;

public class ProgressTests
{
    [Test]
    public void RedirectedOutputGetsOnePlainLinePerEpochAndNoRedraws()
    {
        using var temp = new TempFolder();

        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "4", "--save", temp.File("m.json"));

        Assert.That(result.Output, Does.Not.Contain("\r").And.Not.Contain("\u001b"));
        Assert.That(result.EpochRows, Has.Length.EqualTo(4));
    }

    [Test]
    public void OnlyTheRealConsoleCanBeInteractive() =>
        Assert.That(EpochProgress.IsInteractive(new StringWriter()), Is.False);

    [TestCase("1", ColorSystemSupport.NoColors)]
    [TestCase("anything", ColorSystemSupport.NoColors)]
    [TestCase("", ColorSystemSupport.Detect)]
    [TestCase(null, ColorSystemSupport.Detect)]
    public void NoColorTurnsColoursOff(string? noColor, ColorSystemSupport expected)
    {
        var settings = EpochProgress.Settings(name => name == "NO_COLOR" ? noColor : null);

        Assert.That(settings.ColorSystem, Is.EqualTo(expected));
    }
}
