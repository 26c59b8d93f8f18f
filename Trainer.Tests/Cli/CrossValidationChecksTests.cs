using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>--cv makes the checks a normal run makes after its read (the --test file, the task's options, the
/// network's memory) before its folds: a run bound to fail trains no fold first.</summary>
public sealed class CrossValidationChecksTests
{
    private static readonly string Diabetes = RepoPaths.Data("diabetes.csv");

    private static CliRun Refused(params string[] args)
    {
        var run = CliRun.Train([.. args, "--cv", "3", "--epochs", "2"]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Output, Does.Not.Contain("fold 1/3"), "no fold trains before the refusal");
        return run;
    }

    [Test]
    public void Label_smoothing_on_a_regression_is_refused_before_the_folds() =>
        Assert.That(Refused(Diabetes, "--label-smoothing", "0.1").Error, Is.EqualTo(
            "error: --label-smoothing smooths class targets, but 'progression' is a regression target; leave it out, or pass --task classification" + Environment.NewLine));

    [Test]
    public void The_training_file_as_test_file_is_refused_before_the_folds() =>
        Assert.That(Refused(Diabetes, "--test", Diabetes).Error, Does.StartWith($"error: --test {Diabetes}: the same file as the training data"));

    [Test]
    public void A_test_file_without_a_feature_is_refused_before_the_folds()
    {
        using var temp = new TempFolder();
        string test = temp.File("test.csv", "a,b,progression\n1,2,3\n");
        Assert.That(Refused(Diabetes, "--test", test).Error, Does.StartWith($"error: {test}: the feature column 'age' the model was trained with is missing"));
    }

    [Test]
    public void A_network_too_large_for_memory_is_refused_before_the_folds() =>
        Assert.That(Refused(Diabetes, "--hidden", "100000,100000").Error, Does.StartWith("error: the network --hidden 100000,100000 has a weight matrix of 10,000,000,000 values"));
}
