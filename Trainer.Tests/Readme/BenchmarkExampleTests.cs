using System.Diagnostics;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Readme;

/// <summary>The benchmark program's check mode, run in-process from the repository root as the README's commands
/// are: <c>--check ARGS</c> parses ARGS as the benchmark would and lists the files it reads, without running it.</summary>
public static class BenchmarkCheck
{
    public static (int Code, string Output, string Error) Run(string[] args)
    {
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = RepoPaths.Root;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = NeuralNet.Benchmarks.Program.Run(["--check", .. args], output, error);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    /// <summary>The benchmark takes <paramref name="args"/>, and on a machine with the shared folder every reference
    /// script and dataset script it names is there.</summary>
    public static void AssertTaken(string[] args, string where)
    {
        var (code, output, error) = Run(args);
        string run = $"{where}: {string.Join(' ', args)}\n{output}{error}";
        Assert.That(code, Is.Zero, run);
        Assert.That(output, Does.StartWith("check: "), run);
        if (ExampleFolder.SharedFolder is { } shared)
            Assert.That(output.Split('\n').Where(line => line.StartsWith($"  needs {shared}/", StringComparison.Ordinal) && line.Contains(": missing", StringComparison.Ordinal)), Is.Empty, run);
    }
}

/// <summary>The check mode refuses what the benchmark would refuse, and the cheapest benchmark runs for real.</summary>
[NonParallelizable] // redirects the console and changes the working directory
public sealed class BenchmarkExampleTests
{
    [TestCase("load", "x.csv", "5", "--ot", "label", ExpectedResult = "error: load does not take '--ot' (see --help)")]
    [TestCase("load", "x.csv", "five", ExpectedResult = "error: REPEATS takes whole numbers of at least 1, not 'five' (see --help)")]
    [TestCase("quality", "--datasets", "iris,wnie", ExpectedResult = "error: quality: unknown dataset wnie; the datasets are iris, wine, breast-cancer, digits, diabetes, passengers, imbalanced, regression-semicolon, multiclass, fashion-mnist, spam, income, GermanCredit, cars, crabs, Cars93, UScrime, Arrests, Chile, Mroz, TitanicSurvival, Womenlf, Wells, Cowles, Prestige, Salaries, SLID, Ornstein, heights, gapminder, etitanic, ozone1, kyphosis, diamonds, mpg, txhousing, NOxEmissions, Arthritis (see --help)")]
    [TestCase("quality", "--datasets", ",", ExpectedResult = "error: quality: --datasets names no dataset; the datasets are iris, wine, breast-cancer, digits, diabetes, passengers, imbalanced, regression-semicolon, multiclass, fashion-mnist, spam, income, GermanCredit, cars, crabs, Cars93, UScrime, Arrests, Chile, Mroz, TitanicSurvival, Womenlf, Wells, Cowles, Prestige, Salaries, SLID, Ornstein, heights, gapminder, etitanic, ozone1, kyphosis, diamonds, mpg, txhousing, NOxEmissions, Arthritis (see --help)")]
    [TestCase("quality", "--datasets", "digits", "--patience", "20", ExpectedResult = "error: quality: '--patience' is not an option of quality; flags for the trainer go after '--' (see --help)")]
    [TestCase("quality", "--sklearn", "cache", ExpectedResult = "error: Argument 'cache' not recognized. Must be one of: 'run' 'cached' 'skip' (see --help)")]
    [TestCase("fashion", "3", "3", "1,x", ExpectedResult = "error: CORES takes whole numbers of at least 1, not 'x' (see --help)")]
    [TestCase("fashion", "3", "3", "1,2", "1", ExpectedResult = "error: fashion does not take '1' (see --help)")]
    [TestCase("relu", "extra", ExpectedResult = "error: relu does not take 'extra' (see --help)")]
    [TestCase("qualty", ExpectedResult = "error: there is no benchmark 'qualty'; the benchmarks are relu, fashion, scaling, quality, load, or BenchmarkDotNet's options such as --filter (see --help)")]
    [TestCase("--filter", "*Nothing*", ExpectedResult = "error: '--filter *Nothing*' selects no benchmark")]
    [TestCase("--fliter", "*TrainingStep*", ExpectedResult = "error: BenchmarkDotNet does not take '--fliter *TrainingStep*': Option 'fliter' is unknown.")]
    public string The_check_refuses_arguments_the_benchmark_does_not_take(params string[] args)
    {
        var (code, output, error) = BenchmarkCheck.Run(args);
        Assert.That(code, Is.EqualTo(2), output + error);
        Assert.That(output, Is.Empty);
        return error.TrimEnd('\n', '\r');
    }

    [Test]
    public void The_check_lists_what_the_benchmark_reads()
    {
        var (code, output, _) = BenchmarkCheck.Run(["quality", "--datasets", "iris,passengers", "--seeds", "0", "--trainer", "nowhere/Trainer.dll"]);
        Assert.That(code, Is.Zero, output);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Is.EqualTo("check: quality: the arguments are valid; not running it"));
        Assert.That(lines, Has.One.EqualTo($"  needs {Path.Combine(RepoPaths.Root, "nowhere", "Trainer.dll")}: missing; build it first: dotnet build -c Release"));
        Assert.That(lines, Has.One.EqualTo($"  needs {RepoPaths.Data("iris.csv")}: present"));
        Assert.That(lines, Has.One.StartWith($"  needs {RepoPaths.Data("synthetic/passengers.csv")}: "));
    }

    [Test]
    public void The_quality_benchmark_with_no_flags_runs_every_dataset_on_seed_0()
    {
        // An array option left out reads as an empty array: the defaults must still be all datasets and three seeds.
        var (code, output, _) = BenchmarkCheck.Run(["quality"]);
        Assert.That(code, Is.Zero, output);
        string[] lines = output.TrimEnd('\n').Split('\n');
        foreach (string file in (string[])["iris.csv", "wine.csv", "breast-cancer.csv", "digits.csv", "diabetes.csv", "synthetic/passengers.csv",
            "synthetic/imbalanced.csv", "synthetic/regression-semicolon.csv", "synthetic/multiclass.csv", "fashion-mnist/fashion-mnist_train.csv"])
            Assert.That(lines, Has.One.StartWith($"  needs {RepoPaths.Data(file)}: "), file);
        foreach (string table in (string[])["real-tables/spam.csv", "real-tables/diamonds.csv", "real-tables/Arthritis.csv"])
            Assert.That(lines, Has.One.StartWith($"  needs {RepoPaths.Data(table)}: "), table);
        Assert.That(lines[^1], Is.EqualTo("  seeds 0"));
    }

    /// <summary><c>quality --datasets iris --seeds 0</c>, the cheapest whole benchmark (a few seconds): the split,
    /// the trainer as a child process (this build's Trainer.dll, beside the tests), scikit-learn's side when this
    /// machine has it, and the table. Its files go to a temporary folder, not runs/quality.</summary>
    [Test]
    public void The_quality_benchmark_runs_end_to_end_on_iris()
    {
        // .ci/setup installs both (time, python3-sklearn, python3-pandas): a machine without them fails here, not silently.
        Assert.That(File.Exists("/usr/bin/time"), Is.True, "the quality benchmark runs each side under /usr/bin/time (.ci/setup installs it: apt-get install -y time)");
        Assert.That(PythonHas("sklearn, pandas"), Is.True, "/usr/bin/python3 has sklearn and pandas (.ci/setup installs them: apt-get install -y python3-sklearn python3-pandas)");
        using var folder = new TempFolder();
        var (code, output) = Captured(["quality", "--datasets", "iris", "--seeds", "0", "--sklearn", "run",
            "--trainer", Path.Combine(AppContext.BaseDirectory, "Trainer.dll"), "--out", folder.Path]);

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Match(@"\n  iris seed 0: ours 0\.\d{4} in [\d.]+ s \(\d+ epochs(, best \d+)?, cpu [\d.]+ s\)"), output);
        Assert.That(output, Does.Match(@"\n\| iris \| 120 \| accuracy \| 0\.\d{4} \| \*\*0\.\d{4}\*\* \|"), output);
        Assert.That(Path.Combine(folder.Path, "splits", "iris-seed0-train.csv"), Does.Exist);
        Assert.That(output, Does.Match(@"; MLP 0\.\d{4} in [\d.]+ s \(fit [\d.]+ s .*\); HGB 0\.\d{4} in [\d.]+ s"), output);
        Assert.That(output, Does.Match(@"\nsummary shipped \(1 tables\): NeuralNet ≥ MLP − 0\.005 on [01]/1, ≥ HGB − 0\.005 on [01]/1"), output);
    }

    /// <summary><c>load FILE 1 --only-load --target NAME</c> reads and prepares the file once as train does, and
    /// prints its figures: read and prepare seconds, the float matrix in MB, rows, features, workers.</summary>
    [Test]
    public void The_load_benchmark_reads_a_file_once_with_only_load()
    {
        var (code, output) = Captured(["load", RepoPaths.Data("digits.csv"), "1", "--only-load", "--target", "digit"]);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Match(@"^ours: [0-9.E-]+ [0-9.E-]+ [0-9.E-]+ \(1797 rows, \d+ features, \d+ workers\)"), output);
    }

    /// <summary>Runs the benchmark program in-process with its console output captured.</summary>
    private static (int Code, string Output) Captured(string[] args)
    {
        var console = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            int code = NeuralNet.Benchmarks.Program.Run(args, output, output);
            return (code, output.ToString());
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private static bool PythonHas(string modules)
    {
        if (!File.Exists("/usr/bin/python3"))
            return false;
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", $"import {modules}"]) { RedirectStandardError = true })!;
        python.StandardError.ReadToEnd();
        python.WaitForExit();
        return python.ExitCode == 0;
    }
}
