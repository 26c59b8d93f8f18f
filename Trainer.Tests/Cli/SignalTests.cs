using System.Diagnostics;
using NeuralNet.Cli;
using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// Signals sent to the built trainer running as a child process: SIGTERM and SIGHUP behave like Ctrl+C (finish the
/// batch, restore the best epoch, save, exit 128 + the signal), a signal while the data is read ends the run at once,
/// and signals at random moments of training and saving never leave a torn model or a temporary file.
/// </summary>
[NonParallelizable]
[Platform(Include = "Linux,MacOsX")]
public class SignalTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void CreateFolder() => _temp = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    [TestCase("INT", ExitCodes.Interrupted, "Ctrl+C")]
    [TestCase("TERM", InterruptSignal.SigTermExitCode, "SIGTERM")]
    [TestCase("HUP", InterruptSignal.SigHupExitCode, "SIGHUP")]
    public void ASignalDuringTrainingFinishesTheBatchSavesTheBestAndExitsWithItsCode(string signal, int exitCode, string name)
    {
        string model = Path.Combine(_temp.Path, "m.json");
        using var trainer = Child.Start(_temp.Path, RepoPaths.Data("iris.csv"), "--epochs", "1000000", "--hidden", "8", "--blas", "managed", "--save", model);

        trainer.WaitForLine(line => CliRun.IsEpochRow(line, 3));
        trainer.Signal(signal);
        var (code, output, error) = trainer.Finish();

        Assert.That(code, Is.EqualTo(exitCode), output + error);
        Assert.That(error, Does.StartWith($"interrupted ({name}): stopping after the current step"));
        Assert.That(output, Does.Contain("full epochs").And.Contain($"model saved to {model}"));
        Assert.That(ModelSerializer.Load(model).Metrics!.Epoch, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void ASignalWhileTheDataIsReadEndsTheRunAtOnce()
    {
        // A named pipe whose writer never finishes: the reader blocks inside the CSV loader, which does not look at
        // the token; the run must still end on the signal (nothing is trained, so nothing is lost).
        string pipe = Path.Combine(_temp.Path, "slow.csv");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
            mkfifo.WaitForExit();
        using var trainer = Child.Start(_temp.Path, pipe, "--blas", "managed", "--save", Path.Combine(_temp.Path, "m.json"));
        // Opening a pipe for writing waits for its reader: done aside, so that a trainer that never opens it (it ended
        // first) fails the test instead of hanging it.
        var opening = Task.Run(() =>
        {
            var writer = new StreamWriter(pipe);
            writer.Write("a,b,y\n1,2,x\n");
            writer.Flush();
            return writer;
        });
        if (!opening.Wait(TimeSpan.FromSeconds(30)))
        {
            using (new FileStream(pipe, FileMode.Open, FileAccess.Read)) // releases the waiting writer
                Assert.Fail($"the trainer never opened the data file: {trainer.Finish()}");
        }
        using var writer = opening.Result;

        trainer.Signal("INT");
        bool ended = trainer.Process.WaitForExit(TimeSpan.FromSeconds(20));

        Assert.That(ended, Is.True, "the run ended while the file was still being written");
        Assert.That(trainer.Process.ExitCode, Is.EqualTo(ExitCodes.Interrupted));
        Assert.That(File.Exists(Path.Combine(_temp.Path, "m.json")), Is.False);
    }

    [Test]
    public void ASignalWhileTheTestFileIsReadAfterTrainingStopsTheReadSavesAndExitsWithItsCode()
    {
        // A --test file of a million rows, read after training (it has no text column), takes seconds: the signal,
        // sent as the validation score is printed just before the read, must stop it, not wait for it.
        string test = Path.Combine(_temp.Path, "big-test.csv");
        var iris = File.ReadAllLines(RepoPaths.Data("iris.csv"));
        using (var writer = new StreamWriter(test))
        {
            writer.WriteLine(iris[0]);
            for (int copy = 0; copy < 1_000_000 / 150; copy++)
            {
                foreach (string row in iris.AsSpan(1))
                    writer.WriteLine(row);
            }
        }
        string model = Path.Combine(_temp.Path, "m.json");
        using var trainer = Child.Start(_temp.Path, RepoPaths.Data("iris.csv"), "--epochs", "2", "--hidden", "4", "--blas", "managed", "--test", test, "--save", model);

        trainer.WaitForLine(line => line.StartsWith("val (epoch", StringComparison.Ordinal));
        trainer.Signal("TERM");
        var (code, output, error) = trainer.Finish();

        Assert.That(code, Is.EqualTo(InterruptSignal.SigTermExitCode), output + error);
        Assert.That(output, Does.Not.Contain("test ("), "the test file was read to its end");
        Assert.That(error, Does.Contain($"interrupted: --test {test} was not read; the model is saved without test figures"));
        Assert.That(output, Does.Contain($"model saved to {model}"));
        Assert.That(ModelSerializer.Load(model).Metrics!.Test, Is.Null);
    }

    [Test]
    public void AnInterruptBeforeTheTestFileIsReadSkipsItAndStillSaves()
    {
        // In process: the token is cancelled as the validation score is printed, just before the read.
        string model = Path.Combine(_temp.Path, "m.json");
        string test = Path.Combine(_temp.Path, "test.csv");
        File.Copy(RepoPaths.Data("iris.csv"), test);
        using var interrupt = new CancellationTokenSource();
        var output = new CancellingWriter("val (epoch", interrupt);

        var run = CliRun.Of(output, interrupt.Token, RepoPaths.Data("iris.csv"), "--epochs", "2", "--hidden", "8", "--blas", "managed",
            "--test", test, "--save", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Interrupted), run.ToString());
        Assert.That(run.Output, Does.Not.Contain("test ("));
        Assert.That(run.Error, Is.EqualTo($"interrupted: --test {test} was not read; the model is saved without test figures\n"));
        Assert.That(run.Output, Does.Contain($"model saved to {model}"));
        Assert.That(ModelSerializer.Load(model).Metrics!.Epoch, Is.EqualTo(2));
    }

    /// <summary>Twenty runs, each sent SIGTERM at a random moment (half of them just as the save starts, where a
    /// 100 MB temporary file used to be left behind): every run exits 0 or 143, and the model file is always a
    /// complete model, the old or the new one; a SIGKILL mid-save leaves a temporary file the next run removes.</summary>
    [Test]
    public void SigtermAtRandomMomentsLeavesTheOldOrTheNewModelAndNoTemporaryFile()
    {
        string model = Path.Combine(_temp.Path, "m.json");
        string[] args = [RepoPaths.Data("iris.csv"), "--epochs", "2", "--hidden", "128,128", "--blas", "managed", "--save", model];
        Assert.That(Child.Run(_temp.Path, args), Is.Zero);
        var random = new Random(12);
        var codes = new List<int>();
        for (int run = 0; run < 20; run++)
        {
            string before = File.ReadAllText(model);
            using var trainer = Child.Start(_temp.Path, [.. args, "--seed", $"{run}"]);
            if (run % 2 == 0)
                trainer.WaitForLine(line => line.StartsWith("weights sha256", StringComparison.Ordinal));
            else
                Thread.Sleep(random.Next(100, 1200));
            trainer.Signal("TERM");
            var (code, output, error) = trainer.Finish();
            codes.Add(code);

            Assert.That(code, Is.EqualTo(0).Or.EqualTo(InterruptSignal.SigTermExitCode), $"run {run}: {output}{error}");
            string after = File.ReadAllText(model);
            Assert.That(() => ModelSerializer.Load(model), Throws.Nothing, $"run {run}: the model file is complete");
            if (after != before)
                Assert.That(output, Does.Contain($"model saved to {model}"), $"run {run}: a new model only from a save");
            Assert.That(TemporaryFiles(), Is.Empty, $"run {run}");
        }
        Assert.That(codes, Does.Contain(InterruptSignal.SigTermExitCode), "some runs were interrupted");

        // kill -9 as the save starts cannot be handled: the temporary file may stay, and the next save of the same
        // target removes it.
        using (var killed = Child.Start(_temp.Path, args))
        {
            killed.WaitForLine(line => line.StartsWith("weights sha256", StringComparison.Ordinal));
            killed.Signal("KILL");
            killed.Finish();
        }
        File.WriteAllText(Path.Combine(_temp.Path, ".m.json.999999999.0123456789abcdef0123456789abcdef.tmp"), "left by a killed run");
        Assert.That(Child.Run(_temp.Path, args), Is.Zero);
        Assert.That(TemporaryFiles(), Is.Empty);
        Assert.That(() => ModelSerializer.Load(model), Throws.Nothing);
    }

    [Test]
    public void ASignalDuringTheSaveLetsItFinishAndStillExitsWithTheSignalsCode()
    {
        // In process: the token is cancelled as the summary line before the save is printed, the moment a Ctrl+C
        // during the save used to end with exit code 0.
        string model = Path.Combine(_temp.Path, "m.json");
        using var interrupt = new CancellationTokenSource();
        var output = new CancellingWriter("weights sha256", interrupt);

        var run = CliRun.Of(output, interrupt.Token, RepoPaths.Data("iris.csv"), "--epochs", "2", "--hidden", "8", "--blas", "managed", "--save", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Interrupted), run.ToString());
        Assert.That(run.Output, Does.Contain($"model saved to {model}"));
        Assert.That(ModelSerializer.Load(model).Metrics!.Epoch, Is.EqualTo(2));
    }

    private sealed class CancellingWriter(string prefix, CancellationTokenSource interrupt) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true)
                interrupt.Cancel();
        }
    }

    private string[] TemporaryFiles() => Directory.GetFiles(_temp.Path, "*.tmp");

    /// <summary>The built Trainer.dll (copied next to the tests) as a child process, its output read line by line.</summary>
    private sealed class Child : IDisposable
    {
        private readonly List<string> _lines = [];
        private readonly SemaphoreSlim _newLine = new(0);
        private readonly System.Text.StringBuilder _error = new();

        private Child(Process process) => Process = process;

        public Process Process { get; }

        public static Child Start(string folder, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Trainer.dll"));
            foreach (string arg in args)
                start.ArgumentList.Add(arg);
            var child = new Child(new Process { StartInfo = start });
            child.Process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (child._lines)
                    child._lines.Add(e.Data);
                child._newLine.Release();
            };
            child.Process.ErrorDataReceived += (_, e) =>
            {
                lock (child._error)
                    child._error.AppendLine(e.Data);
            };
            child.Process.Start();
            child.Process.BeginOutputReadLine();
            child.Process.BeginErrorReadLine();
            return child;
        }

        public static int Run(string folder, string[] args)
        {
            using var child = Start(folder, args);
            return child.Finish().Code;
        }

        /// <summary>Waits until a printed line matches, or the process ends.</summary>
        public void WaitForLine(Func<string, bool> match)
        {
            int seen = 0;
            while (true)
            {
                lock (_lines)
                {
                    for (; seen < _lines.Count; seen++)
                    {
                        if (match(_lines[seen]))
                            return;
                    }
                }
                if (Process.HasExited && !_newLine.Wait(TimeSpan.FromSeconds(1)))
                    Assert.Fail($"the trainer ended before the line was printed:\n{string.Join('\n', _lines)}\n{_error}");
                _newLine.Wait(TimeSpan.FromMilliseconds(200));
            }
        }

        public void Signal(string name)
        {
            using var kill = Process.Start("kill", ["-s", name, Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public (int Code, string Output, string Error) Finish()
        {
            if (!Process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                Process.Kill();
                Assert.Fail("the trainer did not end within a minute");
            }
            Process.WaitForExit(); // drains the output events
            lock (_lines)
            lock (_error)
                return (Process.ExitCode, string.Join('\n', _lines) + "\n", _error.ToString());
        }

        public void Dispose()
        {
            if (!Process.HasExited)
                Process.Kill();
            Process.Dispose();
            _newLine.Dispose();
        }
    }
}
