using NeuralNet.Cli;
using NeuralNet.Training;

namespace NeuralNet.Tests.Cli;

/// <summary>Precision of a class never predicted and recall of a class with no rows are 0/0: shown as '-' with a
/// note, never NaN.</summary>
public class EvaluateUndefinedTests
{
    [Test]
    public void ZeroOverZeroIsADashWithANote()
    {
        // True classes 0, 0, 1; predicted 0, 0, 0: class 1 is never predicted (precision 0/0), class 2 has no rows
        // and is never predicted (precision and recall 0/0).
        var matrix = new ConfusionMatrix(3, [0, 0, 1], [0, 0, 0]);

        string text = EvaluateRun.Format(matrix, ["a", "b", "c"]);
        string[] lines = text.TrimEnd('\n').Split('\n');

        Assert.That(text, Does.Not.Contain("NaN"));
        Assert.That(lines[^4].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "a", "0.6667", "1.0000", "2" }));
        Assert.That(lines[^3].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "b", "-", "0.0000", "1" }));
        Assert.That(lines[^2].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "c", "-", "-", "0" }));
        Assert.That(lines[^1], Is.EqualTo(EvaluateRun.UndefinedNote));
    }

    [Test]
    public void EvaluateOnOneClassPrintsNoNaN()
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--epochs", "20", "--save", model).ExitCode, Is.Zero);
        var lines = File.ReadAllLines(RepoPaths.Data("iris.csv"));
        string setosa = temp.File("setosa.csv", string.Join('\n', lines.Take(51)) + "\n");

        var result = CliRun.Of("evaluate", model, setosa);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("NaN"));
        Assert.That(result.Output, Does.Contain(EvaluateRun.UndefinedNote));
    }

    [Test]
    public void NoNoteWhenEveryRatioIsDefined() =>
        Assert.That(EvaluateRun.Format(new ConfusionMatrix(2, [0, 1], [0, 1]), ["a", "b"]), Does.Not.Contain(EvaluateRun.UndefinedNote));
}
