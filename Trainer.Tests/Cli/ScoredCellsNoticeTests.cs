namespace NeuralNet.Tests.Cli;

/// <summary>
/// predict and evaluate say what they changed on the way, as training does of its own file: missing values filled
/// with what the model learned (one line, counts by column) and values of categories training never saw encoded as
/// all zeros under --unknown-category ignore ('1.0' against a category '1'). A clean file gets no line.
/// </summary>
public class ScoredCellsNoticeTests
{
    private TempFolder _temp = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainModel()
    {
        _temp = new TempFolder();
        // Over every row (--val-split 0) x's median is 2 and z's 2.5; 'code' has a gap, so missing is a category of its own.
        var rows = Enumerable.Range(0, 60).Select(i => $"{(i == 5 ? "" : new[] { "1", "2", "x" }[i % 3])},{i % 3 + 1},{i % 4 + 1},{(i % 2 == 0 ? "no" : "yes")}");
        string train = _temp.File("train.csv", "code,x,z,y\n" + string.Join("\n", rows) + "\n");
        _model = _temp.File("m.model.json");
        var run = CliRun.Train(train, "--categorical", "code", "--unknown-category", "ignore", "--val-split", "0", "--save", _model);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void FilledCellsAndUnseenCategoriesAreCountedOnStandardError(string verb)
    {
        string file = _temp.File("new.csv", "code,x,z,y\n1.0,,1,no\n,2,,yes\n1,3,2,no\n1.0,1,2,yes\n");

        var run = CliRun.Of(verb, _model, file);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Error, Is.EqualTo(
            $"missing: {file}: 3 values filled as the model learned from its training rows: 'code' 1 (a category of its own), 'x' 1 (median 2), 'z' 1 (median 2.5) (--missing error refuses them)\n"
            + $"unseen: {file}: 2 values of categories the training data did not have, encoded as all zeros (--unknown-category error refuses them): 'code' 2 (e.g. '1.0')\n"));
        Assert.That(run.Output, Does.Not.Contain("missing:").And.Not.Contain("unseen:"));
    }

    [Test]
    public void PredictToAFileSaysItOnStandardErrorToo()
    {
        string file = _temp.File("gap.csv", "code,x,z\n2,,1\n");
        string output = _temp.File("out.csv");

        var run = CliRun.Of("predict", _model, file, "--out", output);

        Assert.That(run.Output, Is.EqualTo($"1 predictions written to {output}\n"));
        Assert.That(run.Error, Is.EqualTo($"missing: {file}: 1 value filled as the model learned from its training rows: 'x' 1 (median 2) (--missing error refuses them)\n"));
    }

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void ACleanFileGetsNoLine(string verb)
    {
        string file = _temp.File("clean.csv", "code,x,z,y\n1,2,1,no\nx,3,2,yes\n");

        var run = CliRun.Of(verb, _model, file);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public void RowsLeftOutAreNotCountedAsFilled()
    {
        string file = _temp.File("drop.csv", "code,x,z\n2,,1\n1,2,2\n");

        var run = CliRun.Of("predict", _model, file, "--missing", "drop-rows");

        Assert.That(run.Error, Does.Not.Contain("missing:"));
        Assert.That(run.Error, Does.StartWith("predict: 1 predictions; 1 row with a missing value left out"));
    }

    [Test]
    public void UnderUnknownCategoryErrorTheFirstUnseenStopsInstead()
    {
        string file = _temp.File("unseen.csv", "code,x,z\n1.0,1,1\n");

        var run = CliRun.Of("predict", _model, file, "--unknown-category", "error");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith($"error: {file}:2:1: '1.0' in column 'code' is a category the training data did not have"));
    }

    [Test]
    public void TrainSaysWhatItFilledInTheTestFileToo()
    {
        string test = _temp.File("test.csv", "code,x,z,y\n1,,1,no\n2,3,2,yes\n");
        string train = _temp.File("train2.csv", "code,x,z,y\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i => $"{i % 3 + 1},{i % 3 + 1},{i % 4 + 1},{(i % 2 == 0 ? "no" : "yes")}")) + "\n");

        var run = CliRun.Train(train, "--categorical", "code", "--val-split", "0", "--test", test);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Line("missing: "), Is.EqualTo($"missing: {test}: 1 value filled as the model learned from its training rows: 'x' 1 (median 2) (--missing error refuses them)"));
    }
}
