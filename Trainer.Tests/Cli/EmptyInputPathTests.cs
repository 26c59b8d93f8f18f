namespace NeuralNet.Tests.Cli;

/// <summary>An input path given as the empty string is named by its option or argument, as an empty output is.</summary>
public class EmptyInputPathTests
{
    [TestCase("DATA.csv", "")]
    [TestCase("--test", "--test")]
    [TestCase("--resume", "--resume")]
    public void TrainNamesTheEmptyInput(string name, string option)
    {
        string[] args = option == "" ? [""] : [RepoPaths.Data("iris.csv"), option, ""];

        var result = CliRun.Train(args);

        Assert.That(result.Error, Is.EqualTo($"error: {name}: the path is empty; expected a file name{Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [TestCase("predict", 0, "MODEL.json")]
    [TestCase("predict", 1, "DATA.csv")]
    [TestCase("evaluate", 0, "MODEL.json")]
    [TestCase("evaluate", 1, "DATA.csv")]
    public void PredictAndEvaluateNameTheEmptyInput(string verb, int empty, string name)
    {
        string[] paths = [RepoPaths.Data("iris.csv"), RepoPaths.Data("iris.csv")];
        paths[empty] = "";

        var result = CliRun.Of(verb, paths[0], paths[1]);

        Assert.That(result.Error, Is.EqualTo($"error: {name}: the path is empty; expected a file name{Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }
}
