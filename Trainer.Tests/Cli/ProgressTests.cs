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

        // By code unit: NUnit's Contain compares by the current culture, which with ICU ignores control characters,
        // so that every text would "contain" "\r".
        Assert.That(result.Output.IndexOfAny(['\r', '\u001b']), Is.EqualTo(-1), result.Output);
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
