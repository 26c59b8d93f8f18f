namespace NeuralNet.Tests.Cli;

/// <summary>Each kind of bad input gets one line on stderr naming the file (and row and column where they apply),
/// exit code 2, and no stack trace.</summary>
[NonParallelizable]
public class BadInputTests
{
    [TestCase("missing", null, "{0}: file not found")]
    [TestCase("ragged", "a,b,y\n1,2,x\n3,4\n5,6,z\n", "{0}:3:3: this row has 2 fields, but the first row has 3; expected every row to have 3 (is a delimiter or a quote missing or extra?)")]
    [TestCase("empty", "", "{0}: the file is empty (0 bytes); expected a header row and data rows")]
    [TestCase("header", "a,b,y\n", "{0}: the file has a header row but no data rows")]
    [TestCase("oneclass", "a,b,y\n1,2,x\n3,4,x\n", "{0}: the target column 'y' has a single class ('x'); classification needs at least two")]
    [TestCase("oneclass-na", "a,b,y\n1,2,x\n3,4,NA\n5,6,x\n7,8,\n", "{0}: the target column 'y' has a single class ('x'); classification needs at least two; 2 rows whose target is missing (empty, NA, N/A, NaN, null, None or ?) were left out")]
    [TestCase("infinite", "a,b,y\n1,2,x\n3,-Infinity,z\n", "{0}:3:2: '-Infinity' in column 'b' is not a finite number; expected a number within ±3.4e38 (a float)")]
    public void BadFilesGetOneClearLineAndExitCodeTwo(string name, string? content, string expected)
    {
        using var temp = new TempFolder();
        string path = temp.File(name + ".csv", content);
        AssertOneLine(CliRun.Of(path), string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, path));
    }

    [Test]
    public void CrossValidationCountsTheRowsLeftOutForAMissingTargetOfASingleClass()
    {
        using var temp = new TempFolder();
        string path = temp.File("t.csv", "a,b,y\n1,2,x\n3,4,NA\n5,6,x\n");
        AssertOneLine(CliRun.Of(path, "--cv", "2"), $"{path}: the target column 'y' has a single class ('x'); classification needs at least two; 1 row whose target is missing (empty, NA, N/A, NaN, null, None or ?) was left out");
    }

    [Test]
    public void AnUnknownTargetColumnIsNamedWithTheColumnsThereAre()
    {
        using var temp = new TempFolder();
        string path = temp.File("t.csv", "a,b,y\n1,2,x\n3,4,z\n");
        AssertOneLine(CliRun.Of(path, "--target", "species"), $"{path}: there is no target column 'species'; the columns are a, b, y");
    }

    [Test]
    public void ATestFileWithAnUnseenClassIsRejectedAtItsRow()
    {
        using var temp = new TempFolder();
        string train = temp.File("train.csv", "a,y\n1,x\n2,z\n3,x\n4,z\n");
        string test = temp.File("test.csv", "a,y\n1,x\n2,w\n");
        AssertOneLine(CliRun.Of(train, "--test", test, "--epochs", "1", "--val-split", "0"), $"{test}:3:2: class 'w' in column 'y' was not in the training data; expected one of x, z");
    }

    [Test]
    public void ATestFileWithoutAModelColumnStopsBeforeTraining()
    {
        using var temp = new TempFolder();
        string train = temp.File("train.csv", "a,b,y\n1,2,x\n2,3,z\n3,4,x\n4,5,z\n");
        string test = temp.File("test.csv", "a,y\n1,x\n");
        var run = CliRun.Of(train, "--test", test, "--epochs", "1", "--save", temp.File("m.json"));
        AssertOneLine(run, $"{test}: the feature column 'b' the model was trained with is missing; the columns are a, y");
        Assert.That(run.EpochRows, Is.Empty, "no training happened");
    }

    [Test]
    public void ABadTestRowFoundAfterTrainingStillKeepsTheTrainedModel()
    {
        using var temp = new TempFolder();
        string train = temp.File("train.csv", "a,y\n1,x\n2,z\n3,x\n4,z\n");
        string test = temp.File("test.csv", "a,y\n1,x\n2,w\n");
        string model = temp.File("m.json");
        var run = CliRun.Of(train, "--test", test, "--epochs", "1", "--val-split", "0", "--save", model);
        AssertOneLine(run, $"{test}:3:2: class 'w' in column 'y' was not in the training data; expected one of x, z");
        Assert.That(File.Exists(model), Is.True);
    }

    [TestCase("--epochs", "0", "--epochs must be a whole number from 1 to 1000000, not '0'")]
    [TestCase("--lr", "-1", "--lr must be a number in (0, 1000], not '-1'")]
    [TestCase("--hidden", "64,x", "--hidden takes positive widths")]
    [TestCase("--val-split", "1", "--val-split must be a number in [0, 1), not '1'")]
    public void BadOptionValuesGetOneLineAndExitCodeTwo(string option, string value, string expected)
    {
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), option, value);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.Contain(expected));
    }

    private static void AssertOneLine(CliRun run, string expected)
    {
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
        Assert.That(run.Error, Is.EqualTo($"error: {expected}\n"));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
    }
}
