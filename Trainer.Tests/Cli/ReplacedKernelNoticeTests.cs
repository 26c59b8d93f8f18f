using System.Diagnostics;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// A forced OPENBLAS_CORETYPE that is replaced before OpenBLAS loads (one the CPU cannot run, or a name OpenBLAS does
/// not know, as here: the test must work on any CPU) is said by train's startup line; predict and evaluate, which
/// print no startup line, used to replace it without a word. They now print that line on standard error, and only
/// then: predict's standard output stays the predictions alone. Run as child processes, since the kernel is chosen
/// once per process, from the environment.
/// </summary>
[NonParallelizable]
[Platform(Include = "Linux")]
public class ReplacedKernelNoticeTests
{
    private const string Unknown = "NoSuchKernel";

    private TempFolder _temp = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _temp = new TempFolder();
        _model = _temp.File("iris.model.json");
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", _model);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void AReplacedKernelIsSaidOnStandardErrorInTrainsWords(string verb)
    {
        var (code, output, error) = Child(Unknown, verb, _model, RepoPaths.Data("iris.csv"), "--threads", "1");

        Assert.That(code, Is.Zero, output + error);
        var lines = error.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(1), error);
        Assert.That(lines[0], Does.Match($@"^BLAS: openblas [0-9.]+, kernel \w+ \(OPENBLAS_CORETYPE={Unknown} is not a kernel OpenBLAS knows; NeuralNet set \w+, the best kernel this CPU can run\), \d+ threads? \([^)]+\); 1 worker \(--threads\)$"));
        Assert.That(output, verb == "predict" ? Does.StartWith("species,p_setosa,") : Does.StartWith("model: "));
    }

    [Test]
    public void TrainQuietSaysItToo()
    {
        var (code, output, error) = Child(Unknown, RepoPaths.Data("iris.csv"), "--quiet", "--epochs", "1", "--hidden", "4", "--save", _temp.File("quiet.model.json"));

        Assert.That(code, Is.Zero, output + error);
        Assert.That(error, Does.StartWith("BLAS: openblas ").And.Contain($"OPENBLAS_CORETYPE={Unknown} is not a kernel OpenBLAS knows"));
    }

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void NothingIsSaidWhenNothingWasReplaced(string verb)
    {
        var (code, output, error) = Child(null, verb, _model, RepoPaths.Data("iris.csv"));

        Assert.That(code, Is.Zero, output + error);
        Assert.That(error, Is.Empty);
    }

    /// <param name="coreType">OPENBLAS_CORETYPE for the child; null to leave it unset.</param>
    private static (int Code, string Output, string Error) Child(string? coreType, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Trainer.dll"));
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_NUM_THREADS");
        start.Environment.Remove("OMP_NUM_THREADS");
        if (coreType is not null)
            start.Environment["OPENBLAS_CORETYPE"] = coreType;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail("the trainer did not end within a minute");
        }
        // .ci/setup installs libopenblas0: without it no kernel is chosen, and this test fails rather than skips.
        Assert.That(error.Result, Does.Not.Contain("OpenBLAS unavailable"), "OpenBLAS is installed (.ci/setup: apt-get install -y libopenblas0)");
        return (process.ExitCode, output, error.Result);
    }
}
