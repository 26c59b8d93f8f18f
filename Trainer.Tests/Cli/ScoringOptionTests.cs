namespace NeuralNet.Tests.Cli;

/// <summary>Options that choose training columns do nothing for predict and evaluate: refused, not ignored.</summary>
public class ScoringOptionTests
{
    [TestCase("predict", "--drop", "99")]
    [TestCase("predict", "--drop", "sepal_length")]
    [TestCase("evaluate", "--drop", "sepal_length")]
    [TestCase("predict", "--categorical", "sepal_width")]
    [TestCase("evaluate", "--numeric", "petal_width")]
    public void AColumnOptionIsRefused(string verb, string option, string value)
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", model).ExitCode, Is.Zero);

        var result = CliRun.Of(verb, model, RepoPaths.Data("iris.csv"), option, value);

        Assert.That(result.Error, Is.EqualTo($"error: {option} {value} does nothing for {verb}: the model reads the columns it was trained with, each as it was trained (extra columns are ignored); leave {option} out{Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output, Is.Empty);
    }
}
