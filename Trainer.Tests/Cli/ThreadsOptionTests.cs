using System.Diagnostics;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

[NonParallelizable] // each run makes the startup BLAS choice (BlasBackend.Use) that the layers it builds are given
public class ThreadsOptionTests
{
    [TestCase("0")]
    [TestCase("1025")]
    [TestCase("two")]
    public void AThreadCountOutOfRangeIsOneLineAndExitCode2(string threads)
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--threads", threads);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Error, Is.EqualTo($"error: --threads must be a whole number from 1 to 1024, not '{threads}' (see --help)\n"));
    }

    [Test]
    public void TheBlasLineSaysHowManyWorkersRunAndWhy()
    {
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--threads", "2").Line("BLAS:"), Does.EndWith("; 2 workers (--threads)"));
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--threads", "1").Line("BLAS:"), Does.EndWith("; 1 worker (--threads)"));
        int cores = Environment.ProcessorCount;
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv")).Line("BLAS:"),
            Does.EndWith($"; {cores} worker{(cores == 1 ? "" : "s")} (the cores this process may use)"));
    }

    [Test]
    public void TheDefaultIsTheCoresOfTheAffinityMask()
    {
        Assert.That(File.Exists("/usr/bin/taskset"), Is.True, "taskset (util-linux, an essential Debian package)");
        using var folder = new TempFolder();
        var start = new ProcessStartInfo("/usr/bin/taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string part in (string[])["-c", "0", "dotnet", typeof(CommandLine).Assembly.Location, RepoPaths.Data("iris.csv"),
            "--epochs", "1", "--blas", "managed", "--save", Path.Combine(folder.Path, "m.json")])
            start.ArgumentList.Add(part);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(output.Split('\n')[0], Does.EndWith("; 1 worker (the cores this process may use)"), output + process.StandardError.ReadToEnd());
    }

    [Test]
    public void PredictAndEvaluateGiveTheSameAnswersOnOneAndTwoWorkers()
    {
        using var folder = new TempFolder();
        string model = Path.Combine(folder.Path, "digits.model.json");
        string digits = RepoPaths.Data("digits.csv");
        // 1,797 rows through 64-256-10 is enough work to split every chunk in two (ShardPlan).
        var train = CliRun.Of(digits, "--hidden", "256", "--epochs", "2", "--save", model);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());

        var predictions = new List<string>();
        var evaluations = new List<string>();
        foreach (string threads in (string[])["1", "2"])
        {
            string path = Path.Combine(folder.Path, $"predictions{threads}.csv");
            var predict = CliRun.Of("predict", model, digits, "--out", path, "--threads", threads);
            Assert.That(predict.ExitCode, Is.Zero, predict.ToString());
            predictions.Add(File.ReadAllText(path));
            var evaluate = CliRun.Of("evaluate", model, digits, "--threads", threads);
            Assert.That(evaluate.ExitCode, Is.Zero, evaluate.ToString());
            evaluations.Add(evaluate.Output);
        }
        Assert.That(predictions[1], Is.EqualTo(predictions[0]));
        Assert.That(evaluations[1], Is.EqualTo(evaluations[0]));
        Assert.That(evaluations[0], Does.Contain("accuracy"));
    }
}
