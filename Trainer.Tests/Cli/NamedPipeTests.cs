using System.Diagnostics;

namespace NeuralNet.Tests.Cli;

/// <summary>Named pipes: a model file that is one is refused at once (opening it must not wait for a writer); data
/// for predict, evaluate and --test is read once from it, as training data is.</summary>
public class NamedPipeTests
{
    private TempFolder _temp = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _temp = new TempFolder();
        _model = _temp.File("m.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", _model).ExitCode, Is.Zero);
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    private string Fifo(string name)
    {
        string path = _temp.File(name);
        using (var mkfifo = Process.Start("mkfifo", path))
            mkfifo.WaitForExit();
        return path;
    }

    // Runs the command aside, so a command that blocks fails the test instead of hanging it.
    private static CliRun Finished(params string[] args)
    {
        var run = Task.Run(() => CliRun.Of(args));
        Assert.That(run.Wait(TimeSpan.FromSeconds(60)), Is.True, "the command blocked");
        return run.Result;
    }

    [TestCase("evaluate")]
    [TestCase("predict")]
    [TestCase("export")]
    public void AModelThatIsANamedPipeWithNoWriterIsRefusedAtOnce(string verb)
    {
        string fifo = Fifo($"model-{verb}.fifo");
        string[] args = verb == "export" ? [verb, fifo, _temp.File("m.onnx")] : [verb, fifo, RepoPaths.Data("iris.csv")];

        var result = Finished(args);

        Assert.That(result.Error, Is.EqualTo($"error: {fifo}: not a model file: it is not a regular file{Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void ResumingFromANamedPipeIsRefusedAtOnce()
    {
        string fifo = Fifo("resume.fifo");

        var result = Finished(RepoPaths.Data("iris.csv"), "--resume", fifo, "--blas", "managed", "--save", _temp.File("r.json"));

        Assert.That(result.Error, Is.EqualTo($"error: {fifo}: not a model file: it is not a regular file{Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void DataFromANamedPipeIsReadOnce(string verb)
    {
        string fifo = Fifo($"data-{verb}.fifo");
        string text = File.ReadAllText(RepoPaths.Data("iris.csv"));
        var writer = Task.Run(() => File.WriteAllText(fifo, text));

        var piped = Finished(verb, _model, fifo);
        var regular = CliRun.Of(verb, _model, RepoPaths.Data("iris.csv"));

        Assert.That(piped.ExitCode, Is.Zero, piped.ToString());
        Assert.That(piped.Output.Replace(fifo, "DATA", StringComparison.Ordinal), Is.EqualTo(regular.Output.Replace(RepoPaths.Data("iris.csv"), "DATA", StringComparison.Ordinal)));
        Assert.That(writer.Wait(TimeSpan.FromSeconds(30)), Is.True);
    }

    [Test]
    public void ATestFileFromANamedPipeIsReadOnce()
    {
        string fifo = Fifo("test.fifo");
        string text = File.ReadAllText(RepoPaths.Data("iris.csv"));
        var writer = Task.Run(() => File.WriteAllText(fifo, text));

        var result = Task.Run(() => CliRun.Train(RepoPaths.Data("iris.csv"), "--test", fifo));

        Assert.That(result.Wait(TimeSpan.FromSeconds(60)), Is.True, "the command blocked");
        Assert.That(result.Result.ExitCode, Is.Zero, result.Result.ToString());
        Assert.That(result.Result.Output, Does.Contain($"test ({fifo}, 150 rows)"));
        Assert.That(writer.Wait(TimeSpan.FromSeconds(30)), Is.True);
    }
}
