using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- quality [--datasets a,b] [--seeds 0,1,2]
/// [--sklearn run|cached|skip] [--trainer DLL] [--out DIR] [-- TRAINER FLAGS]</c> (parsed by <see cref="QualityCommand"/>):
/// for each dataset and seed, an 80/20 split (Fashion-MNIST: its own train and test files, the seed varies the
/// trainers' seeds), then the trainer with no flags (the built Trainer.dll as a child process, <c>--test</c> the
/// held-out file) and ../shared/reference/sklearn_defaults.py on the same files; prints the test metric and the times
/// side by side with their ratios, and whether the targets are met.
/// Flags after <c>--</c> go to the trainer (for experiments; the benchmark itself passes none).
/// <c>--sklearn cached</c> reuses scikit-learn's figures from an earlier run of this command (sklearn.tsv in the
/// <c>--out</c> folder) where it has them: its metric depends only on the files and the seed.
/// </summary>
internal static class QualityBenchmark
{
    /// <summary>Above this many rows the trainer's whole process must take at most half of scikit-learn's fit.</summary>
    private const int LargeRows = 10_000;

    /// <summary>A reference at its fastest setting on this machine's cores: where the time is compared (more than
    /// <see cref="LargeRows"/> training rows), once with each BLAS/OpenMP thread count from 1 to the cores, keeping the
    /// fastest whole process (its note says which); elsewhere once, with the libraries' own choice.</summary>
    private static SideResult Fastest(string script, string train, string test, int seed, IReadOnlyList<string> readArguments, bool timed)
    {
        if (!timed)
            return QualityRuns.Sklearn(script, train, test, seed, readArguments);
        var runs = Enumerable.Range(1, Environment.ProcessorCount).Select(threads => (threads, result: QualityRuns.Sklearn(script, train, test, seed, readArguments, threads)))
            .Where(r => double.IsFinite(r.result.Metric)).ToArray();
        if (runs.Length == 0)
            return QualityRuns.Sklearn(script, train, test, seed, readArguments);
        var (best, fastest) = runs.MinBy(r => r.result.WallSeconds);
        return fastest with { Note = Invariant($"{fastest.Note}, fastest at {best} thread{(best == 1 ? "" : "s")} of {string.Join('/', runs.Select(r => Invariant($"{r.result.WallSeconds:0.0} s")))}") };
    }

    public static int Run(string root, QualitySettings settings)
    {
        var (_, seeds, sklearnMode, trainerFlags, trainer, folder, _) = settings;
        if (settings.Tables is { } tables && !File.Exists(QualitySettings.TargetsFile(tables)))
        {
            Console.WriteLine($"quality: --tables {tables} has no targets.tsv; {QualitySettings.HowToMake(tables)}");
            return 2;
        }
        var chosen = settings.Chosen(root);
        string mlpScript = BenchmarkFiles.Reference(root, "sklearn_defaults.py").Path;
        string hgbScript = BenchmarkFiles.Reference(root, "hgb_defaults.py").Path;
        if (!File.Exists(trainer))
        {
            Console.WriteLine($"quality: {trainer} is missing; build first: dotnet build -c Release");
            return 2;
        }
        foreach (string script in (string[])[mlpScript, hgbScript])
        {
            if (sklearnMode != "skip" && !File.Exists(script))
            {
                Console.WriteLine($"quality: {script} is missing (or pass --sklearn skip)");
                return 2;
            }
        }
        if (!QualityDatasets.EnsureGenerated(root, chosen))
            return 2;

        string work = Directory.CreateTempSubdirectory("neuralnet-quality-").FullName;
        var cache = new SklearnCache(Path.Combine(folder, "sklearn.tsv"));
        Console.WriteLine($"quality benchmark {DateTime.Now:yyyy-MM-dd HH:mm}, seeds {string.Join(",", seeds)}, trainer flags: {(trainerFlags.Count == 0 ? "none" : string.Join(' ', trainerFlags))}");
        var rows = new List<QualityRow>();
        foreach (var dataset in chosen)
        {
            var ours = new List<SideResult>();
            var mlp = new List<SideResult>();
            var hgb = new List<SideResult>();
            int trainRows = 0;
            foreach (int seed in seeds)
            {
                var (train, test) = QualitySplits.For(dataset, seed, Path.Combine(folder, "splits"));
                trainRows = File.ReadLines(train).Count() - 1;
                var o = QualityRuns.Ours(trainer, train, test, seed, work, [.. dataset.TrainerArguments, .. trainerFlags]);
                ours.Add(o);
                var m = Reference(mlpScript, dataset.Name);
                var h = Reference(hgbScript, "hgb:" + dataset.Name);
                Console.WriteLine(Invariant($"  {dataset.Name} seed {seed}: ours {o.Metric:0.0000} in {o.WallSeconds:0.0} s ({o.Note})")
                    + (m is null ? "" : Invariant($"; MLP {m.Metric:0.0000} in {m.WallSeconds:0.0} s (fit {m.FitSeconds:0.0} s {m.Note})"))
                    + (h is null ? "" : Invariant($"; HGB {h.Metric:0.0000} in {h.WallSeconds:0.0} s")));

                // One of scikit-learn's two anchors on this split: cached, run (and cached) or skipped.
                SideResult? Reference(string script, string key)
                {
                    SideResult? s = sklearnMode == "skip" ? null : sklearnMode == "cached" ? cache.Find(key, seed) : null;
                    if (s is null && sklearnMode != "skip")
                    {
                        s = Fastest(script, train, test, seed, dataset.ReadArguments, trainRows > LargeRows);
                        if (double.IsFinite(s.Metric))
                            cache.Store(key, seed, s);
                    }
                    if (s is not null)
                        (key.StartsWith("hgb:", StringComparison.Ordinal) ? hgb : mlp).Add(s);
                    return s;
                }
            }
            rows.Add(new QualityRow(dataset, trainRows, ours, mlp, hgb));
        }
        Directory.Delete(work, recursive: true);
        Console.WriteLine();
        QualityTable.Print(rows, LargeRows);
        return 0;
    }
}

/// <summary>One dataset's results over the seeds.</summary>
/// <param name="Mlp">scikit-learn's MLP defaults (sklearn_defaults.py), per seed.</param>
/// <param name="Hgb">scikit-learn's HistGradientBoosting defaults (hgb_defaults.py), per seed.</param>
internal sealed record QualityRow(QualityDataset Dataset, int TrainRows, IReadOnlyList<SideResult> Ours, IReadOnlyList<SideResult> Mlp, IReadOnlyList<SideResult> Hgb);
