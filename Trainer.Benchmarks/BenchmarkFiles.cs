namespace NeuralNet.Benchmarks;

/// <summary>A file a benchmark reads, and what to do when it is missing.</summary>
internal sealed record NeededFile(string Path, string HowToGet);

/// <summary>
/// Where the benchmarks find what they read (the built trainer, the reference scripts and generated datasets beside
/// the repository, the programs they run), shared by the runs and by <c>--check</c>, which lists these files.
/// </summary>
internal static class BenchmarkFiles
{
    public const string Python = "/usr/bin/python3";
    public const string Time = "/usr/bin/time";
    public const string Taskset = "/usr/bin/taskset";

    private const string InShared = "it is in the project's shared folder, beside the repository (../shared)";

    /// <summary>The Release build of the trainer, which the benchmarks run as a child process.</summary>
    public static NeededFile ReleaseTrainer(string root) =>
        new(Path.Combine(root, "Trainer", "bin", "Release", "net10.0", "Trainer.dll"), "build it first: dotnet build -c Release");

    /// <summary>A program of ../shared/reference.</summary>
    public static NeededFile Reference(string root, string script) =>
        new(Path.GetFullPath(Path.Combine(root, "..", "shared", "reference", script)), InShared);

    /// <summary>A script of ../shared/datasets that makes a generated dataset.</summary>
    public static NeededFile DatasetScript(string root, string script) =>
        new(Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets", script)), InShared);

    public static NeededFile FashionTrain(string root) => Fashion(root, "fashion-mnist_train.csv");

    public static NeededFile FashionTest(string root) => Fashion(root, "fashion-mnist_test.csv");

    public static NeededFile Python3(string modules) => new(Python, $"apt-get install -y {modules}");

    public static NeededFile TimeProgram { get; } = new(Time, "apt-get install -y time");

    public static NeededFile TasksetProgram { get; } = new(Taskset, "apt-get install -y util-linux");

    /// <summary>--check's report: the arguments were accepted, then one line per needed file, present or missing
    /// with how to get it. The arguments are what --check judges (exit code 0); a missing file is the machine's.</summary>
    public static int Report(TextWriter output, string command, IEnumerable<NeededFile> needs)
    {
        output.WriteLine($"check: {command}: the arguments are valid; not running it");
        foreach (var need in needs)
            output.WriteLine(File.Exists(need.Path) ? $"  needs {need.Path}: present" : $"  needs {need.Path}: missing; {need.HowToGet}");
        return 0;
    }

    private static NeededFile Fashion(string root, string name) =>
        new(Path.Combine(root, "data", "fashion-mnist", name), "make it: bash ../shared/datasets/fashion-mnist.sh data/fashion-mnist");
}
