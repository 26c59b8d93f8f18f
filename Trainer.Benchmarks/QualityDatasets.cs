using System.Diagnostics;

namespace NeuralNet.Benchmarks;

/// <summary>One dataset of the quality benchmark.</summary>
/// <param name="Name">Short name, used by <c>--datasets</c> and in the table.</param>
/// <param name="File">The whole dataset, split 80/20 per seed; or the training file when <paramref name="TestFile"/> is set.</param>
/// <param name="TestFile">A fixed held-out file (Fashion-MNIST's own test set); the seeds then vary only the trainers' seeds.</param>
/// <param name="SklearnArguments">What sklearn_defaults.py needs to read the file at all (pandas does not sniff the dialect).</param>
/// <param name="Tiny">One of the five shipped datasets, where a difference within 0.005 counts as a tie.</param>
internal sealed record QualityDataset(string Name, string File, string? TestFile, string[] SklearnArguments, bool Tiny);

/// <summary>
/// The datasets of the quality benchmark: the five in data/, Fashion-MNIST and the synthetic sets. Generated files
/// live in data/fashion-mnist and data/synthetic (git-ignored) and are made by ../shared/datasets' scripts when missing.
/// </summary>
internal static class QualityDatasets
{
    public static IReadOnlyList<QualityDataset> All(string root)
    {
        string data = Path.Combine(root, "data");
        string synthetic = Path.Combine(data, "synthetic");
        string fashion = Path.Combine(data, "fashion-mnist");
        return
        [
            new("iris", Path.Combine(data, "iris.csv"), null, [], Tiny: true),
            new("wine", Path.Combine(data, "wine.csv"), null, [], Tiny: true),
            new("breast-cancer", Path.Combine(data, "breast-cancer.csv"), null, [], Tiny: true),
            new("digits", Path.Combine(data, "digits.csv"), null, [], Tiny: true),
            new("diabetes", Path.Combine(data, "diabetes.csv"), null, [], Tiny: true),
            new("passengers", Path.Combine(synthetic, "passengers.csv"), null, [], Tiny: false),
            new("imbalanced", Path.Combine(synthetic, "imbalanced.csv"), null, [], Tiny: false),
            new("regression-semicolon", Path.Combine(synthetic, "regression-semicolon.csv"), null, ["--delimiter", ";", "--decimal-comma"], Tiny: false),
            new("multiclass", Path.Combine(synthetic, "multiclass.csv"), null, [], Tiny: false),
            new("fashion-mnist", Path.Combine(fashion, "fashion-mnist_train.csv"), Path.Combine(fashion, "fashion-mnist_test.csv"), [], Tiny: false),
        ];
    }

    /// <summary>The script of ../shared/datasets that makes <paramref name="dataset"/>; null for one committed in data/.</summary>
    public static NeededFile? Script(string root, QualityDataset dataset) =>
        dataset.TestFile is not null ? BenchmarkFiles.DatasetScript(root, "fashion-mnist.sh")
        : Path.GetFileName(Path.GetDirectoryName(dataset.File)) == "synthetic" ? BenchmarkFiles.DatasetScript(root, "synthetic.py")
        : null;

    /// <summary>Makes the generated files of <paramref name="chosen"/> that are missing; false after a line saying why it could not.</summary>
    public static bool EnsureGenerated(string root, IEnumerable<QualityDataset> chosen)
    {
        foreach (var dataset in chosen)
        {
            if (File.Exists(dataset.File) && (dataset.TestFile is null || File.Exists(dataset.TestFile)))
                continue;
            string folder = Path.GetDirectoryName(dataset.File)!;
            if (Script(root, dataset) is not { Path: var script })
            {
                Console.WriteLine($"cannot run {dataset.Name}: {dataset.File}, a file committed in data/, is missing");
                return false;
            }
            string program = dataset.TestFile is not null ? "/bin/bash" : BenchmarkFiles.Python;
            Console.WriteLine($"{dataset.Name}: {dataset.File} is missing; making it with {script} {folder}");
            if (!File.Exists(script))
            {
                Console.WriteLine($"cannot make {dataset.Name}: {script} is missing");
                return false;
            }
            var start = new ProcessStartInfo(program) { ArgumentList = { script, folder } };
            using var process = Process.Start(start)!;
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(dataset.File))
            {
                Console.WriteLine($"cannot make {dataset.Name}: {Path.GetFileName(script)} exited {process.ExitCode} (synthetic.py needs apt-get install -y python3-sklearn python3-pandas)");
                return false;
            }
        }
        return true;
    }
}
