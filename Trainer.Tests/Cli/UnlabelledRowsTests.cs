using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>A file whose target is missing in some rows (issue 19): with no flags those rows are left out, with one
/// line saying how many, in training, in a --test file and in evaluate; predict does not need the target.</summary>
public sealed class UnlabelledRowsTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    /// <summary>iris with the species of every 10th row (from row 3 on) blanked: 15 unlabelled rows.</summary>
    private string IrisWithGaps(string name)
    {
        var lines = File.ReadAllLines(RepoPaths.Data("iris.csv"));
        for (int i = 3; i < lines.Length; i += 10)
            lines[i] = lines[i][..(lines[i].LastIndexOf(',') + 1)] + (i % 20 == 3 ? "" : "NA");
        return _folder.File(name, string.Join('\n', lines) + "\n");
    }

    [Test]
    public void Training_leaves_the_unlabelled_rows_out_and_says_how_many()
    {
        string data = IrisWithGaps("train.csv");

        var run = CliRun.Train(data);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Line("unlabelled: "), Is.EqualTo("unlabelled: 15 rows without a target value left out ('species' missing in 15), 135 labelled rows"));
        Assert.That(run.Line("split: "), Does.StartWith("split: 108 train, 27 validation"));
    }

    [Test]
    public void A_test_file_and_evaluate_leave_them_out_and_say_how_many()
    {
        string train = IrisWithGaps("train.csv"), test = IrisWithGaps("test.csv"), model = _folder.File("m.json");

        var run = CliRun.Train(train, "--test", test, "--save", model);
        var evaluate = CliRun.Of("evaluate", model, test);
        var predict = CliRun.Of("predict", model, test);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Line("test ("), Does.StartWith($"test ({test}, 135 rows; 15 rows without a target value left out): "));
        Assert.That(evaluate.ExitCode, Is.EqualTo(ExitCodes.Success), evaluate.ToString());
        Assert.That(evaluate.Line("data: "), Is.EqualTo($"data: {test}: 135 rows; 15 rows without a target value left out"));
        Assert.That(predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(151), "predict scores every row");
    }

    [Test]
    public void A_target_missing_in_every_row_is_one_line()
    {
        var lines = File.ReadAllLines(RepoPaths.Data("iris.csv")).Select((l, i) => i == 0 ? l : l[..(l.LastIndexOf(',') + 1)]);
        string data = _folder.File("none.csv", string.Join('\n', lines) + "\n");

        var run = CliRun.Train(data, "--target", "species");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: {data}: the target column 'species' (column 5) is missing in every row (empty, NA, N/A, NaN, null, None or ?); expected rows with a target value\n"));
    }
}
