using System.Diagnostics;

namespace NeuralNet.Benchmarks;

/// <summary>Where a dataset of the quality benchmark comes from; the summary line counts each group apart.</summary>
internal enum QualityGroup
{
    /// <summary>The five small datasets committed in data/.</summary>
    Shipped,

    /// <summary>../shared/datasets/synthetic.py's tables.</summary>
    Synthetic,

    /// <summary>Fashion-MNIST, with its own test file.</summary>
    Fashion,

    /// <summary>The real tables of ../shared/datasets/real-tables.sh: data frames of R packages as write.csv writes them.</summary>
    Real,

    /// <summary>Tables of a folder given with <c>--tables</c> (its targets.tsv), e.g. Trainer.Benchmarks/holdout-tables.sh's:
    /// tables the defaults were never tuned on.</summary>
    Outside,
}

/// <summary>One dataset of the quality benchmark.</summary>
/// <param name="Name">Short name, used by <c>--datasets</c> and in the table.</param>
/// <param name="File">The whole dataset, split 80/20 per seed; or the training file when <paramref name="TestFile"/> is set.</param>
/// <param name="TestFile">A fixed held-out file (Fashion-MNIST's own test set); the seeds then vary only the trainers' seeds.</param>
/// <param name="ReadArguments">What the reference scripts need to read the file (pandas does not sniff the dialect)
/// and to know its target and task; the trainer is given only the target and task (<see cref="TrainerArguments"/>).</param>
/// <param name="TrainerArguments">What the trainer is told besides the files: a real table's target column and task
/// (as targets.tsv names them, and as the references are told); nothing for the others, whose target is last.</param>
internal sealed record QualityDataset(string Name, QualityGroup Group, string File, string? TestFile, string[] ReadArguments, string[] TrainerArguments);

/// <summary>
/// The datasets of the quality benchmark: the five in data/, the synthetic sets, Fashion-MNIST and the 28 real tables.
/// Generated files live in data/synthetic, data/fashion-mnist and data/real-tables (git-ignored) and are made by
/// ../shared/datasets' scripts when missing.
/// </summary>
internal static class QualityDatasets
{
    /// <summary>The real tables, as ../shared/datasets/real-tables.sh writes them (its targets.tsv): file stem, target, task.</summary>
    private static readonly (string Name, string Target, string Task)[] RealTables =
    [
        ("spam", "type", "classification"), ("income", "INCOME", "classification"), ("GermanCredit", "Class", "classification"),
        ("cars", "Price", "regression"), ("crabs", "sp", "classification"), ("Cars93", "Price", "regression"), ("UScrime", "y", "regression"),
        ("Arrests", "released", "classification"), ("Chile", "vote", "classification"), ("Mroz", "lfp", "classification"),
        ("TitanicSurvival", "survived", "classification"), ("Womenlf", "partic", "classification"), ("Wells", "switch", "classification"),
        ("Cowles", "volunteer", "classification"), ("Prestige", "prestige", "regression"), ("Salaries", "salary", "regression"),
        ("SLID", "wages", "regression"), ("Ornstein", "interlocks", "regression"), ("heights", "sex", "classification"),
        ("gapminder", "life_expectancy", "regression"), ("etitanic", "survived", "classification"), ("ozone1", "O3", "regression"),
        ("kyphosis", "Kyphosis", "classification"), ("diamonds", "price", "regression"), ("mpg", "hwy", "regression"),
        ("txhousing", "median", "regression"), ("NOxEmissions", "LNOx", "regression"), ("Arthritis", "Improved", "classification"),
    ];

    public static IReadOnlyList<QualityDataset> All(string root)
    {
        string data = Path.Combine(root, "data");
        string synthetic = Path.Combine(data, "synthetic");
        string fashion = Path.Combine(data, "fashion-mnist");
        string real = RealFolder(root);
        return
        [
            new("iris", QualityGroup.Shipped, Path.Combine(data, "iris.csv"), null, [], []),
            new("wine", QualityGroup.Shipped, Path.Combine(data, "wine.csv"), null, [], []),
            new("breast-cancer", QualityGroup.Shipped, Path.Combine(data, "breast-cancer.csv"), null, [], []),
            new("digits", QualityGroup.Shipped, Path.Combine(data, "digits.csv"), null, [], []),
            new("diabetes", QualityGroup.Shipped, Path.Combine(data, "diabetes.csv"), null, [], []),
            new("passengers", QualityGroup.Synthetic, Path.Combine(synthetic, "passengers.csv"), null, [], []),
            new("imbalanced", QualityGroup.Synthetic, Path.Combine(synthetic, "imbalanced.csv"), null, [], []),
            new("regression-semicolon", QualityGroup.Synthetic, Path.Combine(synthetic, "regression-semicolon.csv"), null, ["--delimiter", ";", "--decimal-comma"], []),
            new("multiclass", QualityGroup.Synthetic, Path.Combine(synthetic, "multiclass.csv"), null, [], []),
            new("fashion-mnist", QualityGroup.Fashion, Path.Combine(fashion, "fashion-mnist_train.csv"), Path.Combine(fashion, "fashion-mnist_test.csv"), [], []),
            .. RealTables.Select(t => new QualityDataset(t.Name, QualityGroup.Real, Path.Combine(real, t.Name + ".csv"), null,
                ["--target", t.Target, "--task", t.Task], ["--target", t.Target, "--task", t.Task])),
        ];
    }

    /// <summary>The tables a targets.tsv in <paramref name="folder"/> lists (file, target column, task; the format of
    /// real-tables.sh and holdout-tables.sh), named by file stem.</summary>
    public static IReadOnlyList<QualityDataset> FromFolder(string folder) =>
    [
        .. File.ReadLines(Path.Combine(folder, "targets.tsv")).Skip(1).Where(line => line.Length > 0).Select(line => line.Split('\t'))
            .Select(f => new QualityDataset(Path.GetFileNameWithoutExtension(f[0]), QualityGroup.Outside, Path.Combine(folder, f[0]), null,
                ["--target", f[1], "--task", f[2]], ["--target", f[1], "--task", f[2]])),
    ];

    private static string RealFolder(string root) => Path.Combine(root, "data", "real-tables");

    /// <summary>The script of ../shared/datasets that makes <paramref name="dataset"/>; null for one committed in data/.</summary>
    public static NeededFile? Script(string root, QualityDataset dataset) => dataset.Group switch
    {
        QualityGroup.Fashion => BenchmarkFiles.DatasetScript(root, "fashion-mnist.sh"),
        QualityGroup.Synthetic => BenchmarkFiles.DatasetScript(root, "synthetic.py"),
        QualityGroup.Real => BenchmarkFiles.DatasetScript(root, "real-tables.sh"),
        _ => null,
    };

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
                Console.WriteLine($"cannot run {dataset.Name}: {dataset.File}, {(dataset.Group == QualityGroup.Outside ? "listed in its folder's targets.tsv" : "a file committed in data/")}, is missing");
                return false;
            }
            string program = dataset.Group == QualityGroup.Synthetic ? BenchmarkFiles.Python : "/bin/bash";
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
                Console.WriteLine($"cannot make {dataset.Name}: {Path.GetFileName(script)} exited {process.ExitCode} ({Needs(dataset.Group)})");
                return false;
            }
        }
        return true;
    }

    private static string Needs(QualityGroup group) => group switch
    {
        QualityGroup.Synthetic => "synthetic.py needs apt-get install -y python3-sklearn python3-pandas",
        QualityGroup.Real => "real-tables.sh installs R and its packages when run as root",
        _ => "fashion-mnist.sh installs dataset-fashion-mnist when run as root",
    };
}
