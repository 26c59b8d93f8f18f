using NeuralNet.Benchmarks;
using NeuralNet.Reporting;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Quality;

/// <summary>
/// A small slice of the quality benchmark in the suite: the trainer with no flags on the seed 0, 1 and 2 80/20 splits
/// of a few real tables (../shared/datasets/real-tables.sh, made into data/real-tables by the benchmark's own code
/// when missing; the script installs R when run as root), its mean test metric against the mean of scikit-learn's
/// anchors on the same files: the benchmark's own criterion. One seed is not enough on these tables: a 40-row test
/// file moves R² by 0.05 between seeds. The anchors' figures are the benchmark's (`quality --seeds 0,1,2`, its
/// sklearn.tsv), written here so the suite needs no Python; each table stands for a kind of file the recipe must
/// handle: a target with gaps and text features (Chile), a factor written as numbers and a word, with "None" as a
/// value (Cars93), a skewed count regression (Ornstein), a small noisy classification (Cowles).
/// </summary>
[NonParallelizable] // may run real-tables.sh, which writes data/real-tables
public sealed class RealTableQualityTests
{
    private static readonly int[] Seeds = [0, 1, 2];

    [TestCase("Chile", 0.6154, 0.5846)]
    [TestCase("Cars93", 0.8695, 0.8497)]
    [TestCase("Ornstein", 0.3534, 0.0313)]
    [TestCase("Cowles", 0.5610, 0.5317)]
    public void No_flags_match_both_scikit_learn_anchors_on_a_real_table(string name, double mlp, double hgb)
    {
        var dataset = QualityDatasets.All(RepoPaths.Root).Single(d => d.Name == name);
        Assert.That(QualityDatasets.EnsureGenerated(RepoPaths.Root, [dataset]), Is.True,
            $"{dataset.File} is missing and ../shared/datasets/real-tables.sh could not make it (it installs R and its packages when run as root)");
        using var folder = new TempFolder();
        var metrics = new List<double>();
        foreach (int seed in Seeds)
        {
            var (train, test) = QualitySplits.For(dataset, seed, folder.Path);
            string report = folder.File($"report-{seed}.json");

            var run = CliRun.Of([train, .. dataset.TrainerArguments, "--test", test, "--seed", $"{seed}", "--report", report, "--save", folder.File($"model-{seed}.json")]);

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            metrics.Add(RunReport.FromJson(File.ReadAllText(report)).Test!.Metric);
        }
        double metric = metrics.Average();
        Assert.That(metric, Is.GreaterThanOrEqualTo(mlp - QualityTable.Tie), $"scikit-learn's MLP defaults: {mlp}");
        Assert.That(metric, Is.GreaterThanOrEqualTo(hgb - QualityTable.Tie), $"scikit-learn's HistGradientBoosting defaults: {hgb}");
    }
}
