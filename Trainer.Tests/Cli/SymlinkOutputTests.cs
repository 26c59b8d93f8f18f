namespace NeuralNet.Tests.Cli;

/// <summary>An output path that is a symbolic link updates the file it points to and keeps the link; one that ends
/// in /dev or /proc is refused, except standard output for predictions ('-' or /dev/stdout).</summary>
public class SymlinkOutputTests
{
    private TempFolder _temp = null!;
    private string _model = null!;

    [SetUp]
    public void TrainOnce()
    {
        _temp = new TempFolder();
        _model = _temp.File("m.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", _model).ExitCode, Is.Zero);
    }

    [TearDown]
    public void Clean() => _temp.Dispose();

    [Test]
    public void SavingThroughALinkWritesItsTargetAndKeepsTheLink()
    {
        Directory.CreateDirectory(_temp.File("keep"));
        // An older model (a file of another kind would be refused without --overwrite).
        string real = _temp.File("keep/real.json", "{\"format\": \"neuralnet-model\"}");
        string link = _temp.File("latest.json");
        File.CreateSymbolicLink(link, "keep/real.json");

        var result = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", link);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo("keep/real.json"), "still a link");
        Assert.That(NeuralNet.Models.ModelSerializer.Load(real).Network.Spec, Is.EqualTo("dense:8,relu,dense:3"));
        Assert.That(Directory.GetFiles(_temp.File("keep")), Is.EqualTo(new[] { real }), "no temporary file left");
    }

    [Test]
    public void PredictingThroughALinkWritesItsTargetAndKeepsTheLink()
    {
        string real = _temp.File("real.csv", "old");
        string link = _temp.File("predictions.csv");
        File.CreateSymbolicLink(link, real);

        var result = CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"), "--out", link);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(real));
        Assert.That(File.ReadAllLines(real), Has.Length.EqualTo(151));
    }

    [Test]
    public void ALinkToAProcFileIsRefusedAndKept()
    {
        // /proc/version is a regular file to stat, but no file to keep (and renaming over it fails).
        string link = _temp.File("version.csv");
        File.CreateSymbolicLink(link, "/proc/version");

        var result = CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"), "--out", link);

        Assert.That(result.Error, Is.EqualTo($"error: --out {link}: this is /proc/version, a device or process file, not a file to keep; expected a file name{Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo("/proc/version"), "still a link");
    }

    [Test]
    public void ALinkToStandardOutputByItsDescriptorIsRefusedAndKept()
    {
        // Whatever standard output is here (a pipe, a terminal or a redirected file), the link is not replaced.
        string link = _temp.File("mystdout");
        File.CreateSymbolicLink(link, "/proc/self/fd/1");

        var result = CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"), "--out", link);

        Assert.That(result.Error, Does.StartWith($"error: --out {link}: this is "));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo("/proc/self/fd/1"), "still a link");
    }

    [TestCase("-")]
    [TestCase("/dev/stdout")]
    public void StandardOutputStreamsThePredictions(string stdout)
    {
        var plain = CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"));

        // Run in an empty folder, so a file named '-' can only come from this run.
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Directory.CreateDirectory(_temp.File("cwd")).FullName;
        CliRun result;
        try
        {
            result = CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"), "--out", stdout);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Is.EqualTo(plain.Output));
        Assert.That(Directory.GetFileSystemEntries(_temp.File("cwd")), Is.Empty, "no file named '-'");
    }
}
