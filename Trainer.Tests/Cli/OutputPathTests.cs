using NeuralNet.Reporting;
using NeuralNet.Cli;
using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

/// <summary>Every output is checked before any work: an empty path, a folder, a folder that cannot take a file, or
/// the same file as an input (by real path) is one line and exit code 2, and nothing is trained or overwritten.</summary>
public class OutputPathTests
{
    private TempFolder _temp = null!;
    private string _data = null!;
    private string _model = null!;

    [SetUp]
    public void CreateFiles()
    {
        _temp = new TempFolder();
        _data = _temp.File("x.csv", File.ReadAllText(RepoPaths.Data("iris.csv")));
        _model = _temp.File("m.json");
        var trained = CliRun.Train(_data, "--save", _model);
        Assert.That(trained.ExitCode, Is.Zero, trained.ToString());
    }

    [TearDown]
    public void DeleteFiles() => _temp.Dispose();

    [TestCase("--save")]
    [TestCase("--report")]
    [TestCase("--history")]
    [TestCase("--plot")]
    public void AnEmptyTrainingOutputIsOneLine(string option) =>
        AssertRefusedBeforeTraining(CliRun.Train(_data, option, ""), $"{option}: the path is empty; expected a file name");

    [Test]
    public void AnEmptyPredictOutputIsOneLine() =>
        AssertOneLine(CliRun.Of("predict", _model, _data, "--out", ""), "--out: the path is empty; expected a file name");

    [Test]
    public void AnEmptyExportTargetIsOneLine() =>
        AssertOneLine(CliRun.Of("export", _model, ""), "MODEL.onnx: the path is empty; expected a file name");

    [Test]
    public void SavingOverTheDataIsRefusedAndTheDataIsKept()
    {
        string before = File.ReadAllText(_data);
        AssertRefusedBeforeTraining(CliRun.Train(_data, "--save", _data),
            $"--save {_data}: this is the same file as DATA.csv {_data}, which it would overwrite; write the output elsewhere");
        Assert.That(File.ReadAllText(_data), Is.EqualTo(before));
    }

    [TestCase("--history")]
    [TestCase("--report")]
    [TestCase("--plot")]
    public void AReportOverTheDataOrTheTestFileIsRefused(string option)
    {
        string test = _temp.File("test.csv", File.ReadAllText(RepoPaths.Data("iris.csv")));
        AssertRefusedBeforeTraining(CliRun.Train(_data, option, _data),
            $"{option} {_data}: this is the same file as DATA.csv {_data}, which it would overwrite; write the output elsewhere");
        AssertRefusedBeforeTraining(CliRun.Train(_data, "--test", test, option, test),
            $"{option} {test}: this is the same file as --test {test}, which it would overwrite; write the output elsewhere");
    }

    [Test]
    public void TwoOutputsOnOneFileAreRefused()
    {
        string report = _temp.File("r.json");
        AssertRefusedBeforeTraining(CliRun.Train(_data, "--report", report, "--history", report),
            $"--history {report}: this is the same file as --report {report}, which it would overwrite; write the output elsewhere");
    }

    [Test]
    public void ASymbolicLinkToTheDataIsTheSameFile()
    {
        string link = Path.Combine(_temp.Path, "link.csv");
        File.CreateSymbolicLink(link, _data);
        string folderLink = Path.Combine(_temp.Path, "folder-link");
        Directory.CreateSymbolicLink(folderLink, _temp.Path);
        string throughFolder = Path.Combine(folderLink, "x.csv");

        AssertRefusedBeforeTraining(CliRun.Train(_data, "--save", link),
            $"--save {link}: this is the same file as DATA.csv {_data}, which it would overwrite; write the output elsewhere");
        AssertRefusedBeforeTraining(CliRun.Train(throughFolder, "--save", _data),
            $"--save {_data}: this is the same file as DATA.csv {throughFolder}, which it would overwrite; write the output elsewhere");
    }

    [Test]
    public void AHardLinkToTheDataIsTheSameFile()
    {
        string link = Path.Combine(_temp.Path, "hard.csv");
        using (var ln = System.Diagnostics.Process.Start("ln", [_data, link]))
            ln.WaitForExit();
        AssertRefusedBeforeTraining(CliRun.Train(_data, "--history", link),
            $"--history {link}: this is the same file as DATA.csv {_data}, which it would overwrite; write the output elsewhere");
    }

    [Test]
    public void ADeviceIsNeverReplaced()
    {
        var run = CliRun.Of("predict", _model, _data, "--out", "/dev/null");
        AssertOneLine(run, "--out /dev/null: this is not a regular file (a device, a pipe or a socket); expected a file name");
        Assert.That(File.Exists("/dev/null"), Is.True);
    }

    [Test]
    public void PredictingOverItsInputsIsRefused()
    {
        string data = File.ReadAllText(_data), model = File.ReadAllText(_model);
        AssertOneLine(CliRun.Of("predict", _model, _data, "--out", _data),
            $"--out {_data}: this is the same file as DATA.csv {_data}, which it would overwrite; write the output elsewhere");
        AssertOneLine(CliRun.Of("predict", _model, _data, "--out", _model),
            $"--out {_model}: this is the same file as MODEL.json {_model}, which it would overwrite; write the output elsewhere");
        Assert.That((File.ReadAllText(_data), File.ReadAllText(_model)), Is.EqualTo((data, model)));
    }

    [Test]
    public void ExportingOverTheModelIsRefused()
    {
        string model = File.ReadAllText(_model);
        AssertOneLine(CliRun.Of("export", _model, _model),
            $"MODEL.onnx {_model}: this is the same file as MODEL.json {_model}, which it would overwrite; write the output elsewhere");
        Assert.That(File.ReadAllText(_model), Is.EqualTo(model));
    }

    [Test]
    public void ResumingAndSavingOverTheSameModelIsAllowed()
    {
        var run = CliRun.Train(_data, "--resume", _model, "--save", _model);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(ModelSerializer.Load(_model).Metrics!.Epoch, Is.EqualTo(1));
    }

    [Test]
    public void ANameTooLongForTheTemporaryFileIsRefusedBeforeTraining()
    {
        string save = Path.Combine(_temp.Path, new string('a', 240) + ".json");
        AssertRefusedBeforeTraining(CliRun.Train(_data, "--save", save),
            $"--save {save}: the file name is 245 bytes long; at most 200 are allowed (the temporary file written beside it needs the rest of the file system's 255)");
    }

    [Test]
    public void SavingToAFolderIsRefusedBeforeTraining() =>
        AssertRefusedBeforeTraining(CliRun.Train(_data, "--save", _temp.Path), $"--save {_temp.Path}: this is a folder; expected a file name");

    // Root ignores permission bits, so a chmod'ed folder would not fail for it: a path under a regular file is a
    // folder no user can create a file in.
    [Test]
    public void SavingWhereNoFileCanBeCreatedIsRefusedBeforeTraining()
    {
        string under = Path.Combine(_data, "sub", "m.json");
        AssertRefusedBeforeTraining(CliRun.Train(_data, "--save", under),
            $"--save {under}: cannot be created because {_data} is a file, not a folder");
    }

    [Test]
    public void AReadOnlyFolderIsRefusedBeforeTraining()
    {
        // /proc is read-only for everyone, root included.
        var run = CliRun.Train(_data, "--save", "/proc/neuralnet-m.json");
        AssertRefusedBeforeTraining(run, null);
        Assert.That(run.Error, Is.EqualTo("error: --save /proc/neuralnet-m.json: the folder /proc does not accept new files (it cannot hold files)\n"));
    }

    [TestCase("")]
    [TestCase("species,")]
    public void AnEmptyTargetNameIsRefusedRatherThanMeaningTheDefault(string target)
    {
        var run = CliRun.Train(_data, "--target", target);
        AssertRefusedBeforeTraining(run, null);
        Assert.That(run.Error, Is.EqualTo($"error: --target takes column names or indexes separated by commas; '{target}' has an empty one (see --help)\n"));
    }

    [Test]
    public void DefaultNamesNeverCollide()
    {
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _temp.Path;
        try
        {
            var now = new DateTime(2026, 11, 28, 14, 15, 0, 123);
            string Save(string content) => AtomicFile.WriteNew(attempt => TrainRun.DefaultSavePath("x.csv", now, attempt), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(content)));
            string first = Save("1"), second = Save("2"), third = Save("3");
            Assert.That(new[] { first, second, third }, Is.EqualTo(new[]
            {
                Path.Combine("runs", "x-20261128-141500-123.model.json"),
                Path.Combine("runs", "x-20261128-141500-123-2.model.json"),
                Path.Combine("runs", "x-20261128-141500-123-3.model.json"),
            }));
            Assert.That(new[] { first, second, third }.Select(File.ReadAllText), Is.EqualTo(new[] { "1", "2", "3" }), "no save replaced another");
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Test]
    public void NoEmptyFileHoldsADefaultNameWhileTheModelIsWritten()
    {
        // A kill during the save (here: the moment the content is written) must leave no 0-byte model file.
        string runs = Path.Combine(_temp.Path, "runs");
        string name = Path.Combine(runs, "x-20261128-141500-123.model.json");
        string[]? seen = null;

        AtomicFile.WriteNew(attempt => TrainRun.DefaultSavePath(Path.Combine(_temp.Path, "x.csv"), new DateTime(2026, 11, 28, 14, 15, 0, 123), attempt) is var p ? Path.Combine(_temp.Path, p) : "",
            stream =>
            {
                seen = Directory.GetFiles(runs, "*.model.json");
                stream.WriteByte((byte)'{');
            });

        Assert.That(seen, Is.Empty, "nothing under a real name during the write");
        Assert.That(File.ReadAllText(name), Is.EqualTo("{"));
    }

    [Test]
    public void StaleTemporaryFilesOfAnyTargetInTheFolderAreRemovedOnTheNextSave()
    {
        // Left by writers killed with SIGKILL: a process id above any pid_max is certainly not running.
        string runs = Directory.CreateDirectory(Path.Combine(_temp.Path, "runs")).FullName;
        string stale = Path.Combine(runs, $".iris-20261128-141500-123.model.json.99999999.{Guid.NewGuid():N}.tmp");
        string live = Path.Combine(runs, $".other.model.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string unrelated = Path.Combine(runs, ".notes.tmp");
        foreach (string file in new[] { stale, live, unrelated })
            File.WriteAllText(file, "x");

        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--hidden", "4", "--blas", "managed", "--save", Path.Combine(runs, "new.model.json"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(File.Exists(stale), Is.False, "a dead writer's file is removed");
        Assert.That(File.Exists(live), Is.True, "a live writer's file is kept");
        Assert.That(File.Exists(unrelated), Is.True, "a file not named as the trainer names them is kept");
    }

    private static void AssertRefusedBeforeTraining(CliRun run, string? expected)
    {
        if (expected is not null)
            AssertOneLine(run, expected);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.EpochRows, Is.Empty, "refused before training");
        Assert.That(run.Output, Is.Empty, "refused before loading BLAS or reading the data");
    }

    private static void AssertOneLine(CliRun run, string expected)
    {
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Error, Is.EqualTo($"error: {expected}\n"));
    }
}
