using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>The quality benchmark's tables, in Markdown: each dataset's test metric beside scikit-learn's two anchors
/// (its MLP and its HistGradientBoosting defaults) and the times, the secondary figures, then one summary line per
/// group of datasets and for all of them.</summary>
internal static class QualityTable
{
    /// <summary>Within this of an anchor's mean counts as matching it: the issue's "≥ anchor − 0.005".</summary>
    public const double Tie = 0.005;

    public static void Print(IReadOnlyList<QualityRow> rows, int largeRows)
    {
        Console.WriteLine("| dataset | train rows | metric | NeuralNet, per seed | NeuralNet | MLP | HGB | Δ MLP | Δ HGB | NeuralNet wall s | MLP wall s | wall ratio | NeuralNet cpu s | MLP cpu s | met |");
        Console.WriteLine("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var row in rows)
        {
            var (ours, mlp, hgb) = Means(row);
            double wall = Mean(row.Ours.Select(r => r.WallSeconds)), mlpWall = Mean(row.Mlp.Select(r => r.WallSeconds));
            double oursCpu = Mean(row.Ours.Select(r => r.CpuSeconds)), mlpCpu = Mean(row.Mlp.Select(r => r.CpuSeconds));
            bool large = row.TrainRows > largeRows;
            var misses = new List<string>();
            if (double.IsFinite(mlp) && !(ours >= mlp - Tie))
                misses.Add("MLP");
            if (!double.IsFinite(ours))
                misses.Add("failed");
            if (wall > 60 || (large && double.IsFinite(mlp) && !(wall <= 0.5 * mlpWall)))
                misses.Add("time");
            string verdict = misses.Count == 0 ? "yes" : $"no ({string.Join(", ", misses)})";
            if (double.IsFinite(hgb) && ours >= hgb - Tie)
                verdict += ", ≥ HGB";
            Console.WriteLine(Invariant($"| {row.Dataset.Name} | {row.TrainRows:N0} | {MetricName(row)} | {string.Join(' ', row.Ours.Select(r => Invariant($"{r.Metric:0.0000}")))} | **{ours:0.0000}** | {mlp:0.0000} | {hgb:0.0000} | {Statistics.SignedDifference(ours - mlp)} | {Statistics.SignedDifference(ours - hgb)} | {wall:0.0} | {mlpWall:0.0} | {wall / mlpWall:0.00}{(large ? " (≤ 0.5)" : "")} | {oursCpu:0.0} | {mlpCpu:0.0} | {verdict} |"));
        }

        var secondary = rows.SelectMany(row => row.Ours.Concat(row.Mlp).Concat(row.Hgb).SelectMany(r => r.Extra.Keys).Distinct()
            .Select(name => (row, name))).ToArray();
        if (secondary.Length > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| dataset | figure (test file) | NeuralNet | MLP | HGB |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            foreach (var (row, name) in secondary)
                Console.WriteLine(Invariant($"| {row.Dataset.Name} | {name} | {Extra(row.Ours, name):0.0000} | {Extra(row.Mlp, name):0.0000} | {Extra(row.Hgb, name):0.0000} |"));
        }

        if (rows.FirstOrDefault(r => r.Dataset.Group == QualityGroup.Fashion) is { } fashion)
        {
            double accuracy = Mean(fashion.Ours.Select(r => r.Metric)), wall = Mean(fashion.Ours.Select(r => r.WallSeconds));
            Console.WriteLine();
            Console.WriteLine(Invariant($"Fashion-MNIST with no flags: test accuracy {accuracy:0.0000} (target ≥ 0.89), wall {wall:0.0} s (target ≤ 60 s): {(accuracy >= 0.89 && wall <= 60 ? "met" : "NOT met")}"));
        }

        Console.WriteLine();
        foreach (var group in rows.GroupBy(r => r.Dataset.Group))
            Console.WriteLine(Summary(group.Key.ToString().ToLowerInvariant(), [.. group]));
        if (rows.Select(r => r.Dataset.Group).Distinct().Count() > 1)
            Console.WriteLine(Summary("all", rows));
    }

    /// <summary>"summary real (28 tables): NeuralNet ≥ MLP − 0.005 on 28/28, ≥ HGB − 0.005 on 20/28, failed on 0; mean
    /// rank NeuralNet 1.6, MLP 2.4, HGB 2.0; NeuralNet's mean normalised score 0.71". The rank of each side per table
    /// is 1 for the best metric (ties share the mean of their ranks); the normalised score is (ours − worst) / (best −
    /// worst) of the three, 1 when all three are equal. A side that failed a table ranks last there.</summary>
    public static string Summary(string name, IReadOnlyList<QualityRow> rows)
    {
        // An anchor that failed a table (NaN: its script cannot read it, e.g. a target with gaps) is no anchor there.
        int withMlp = 0, matchesMlp = 0, withHgb = 0, matchesHgb = 0, failed = 0;
        var ranks = new List<double[]>();
        var scores = new List<double>();
        foreach (var row in rows)
        {
            var (ours, mlp, hgb) = Means(row);
            if (!double.IsFinite(ours))
                failed++;
            if (double.IsFinite(mlp))
            {
                withMlp++;
                matchesMlp += ours >= mlp - Tie ? 1 : 0;
            }
            if (double.IsFinite(hgb))
            {
                withHgb++;
                matchesHgb += ours >= hgb - Tie ? 1 : 0;
            }
            if (!double.IsFinite(mlp) || !double.IsFinite(hgb))
                continue;
            double[] metrics = [Finite(ours), Finite(mlp), Finite(hgb)];
            ranks.Add(Ranks(metrics));
            double best = metrics.Max(), worst = metrics.Min();
            scores.Add(best > worst ? (metrics[0] - worst) / (best - worst) : 1);
        }
        string rankText = ranks.Count == 0 ? "" : Invariant($"; mean rank NeuralNet {ranks.Average(r => r[0]):0.00}, MLP {ranks.Average(r => r[1]):0.00}, HGB {ranks.Average(r => r[2]):0.00}; NeuralNet's mean normalised score {scores.Average():0.000}");
        return Invariant($"summary {name} ({rows.Count} tables): NeuralNet ≥ MLP − {Tie} on {matchesMlp}/{withMlp}, ≥ HGB − {Tie} on {matchesHgb}/{withHgb} (of the tables each anchor could read), NeuralNet failed on {failed}{rankText}");
    }

    private static (double Ours, double Mlp, double Hgb) Means(QualityRow row) =>
        (Mean(row.Ours.Select(r => r.Metric)), Mean(row.Mlp.Select(r => r.Metric)), Mean(row.Hgb.Select(r => r.Metric)));

    // A failed side (NaN) ranks below every real metric; an R² can be far below zero, so not 0.
    private static double Finite(double metric) => double.IsFinite(metric) ? metric : double.MinValue;

    /// <summary>1 for the largest value, ties sharing the mean of their ranks.</summary>
    private static double[] Ranks(double[] values) =>
        [.. values.Select(v => 1 + values.Count(u => u > v) + (values.Count(u => u == v) - 1) / 2.0)];

    private static string MetricName(QualityRow row) =>
        row.Ours.Concat(row.Mlp).FirstOrDefault(r => r.Task.Length > 0)?.Task == "regression" ? "R²" : "accuracy";

    private static double Extra(IEnumerable<SideResult> results, string name) => Mean(results.Select(r => r.Extra.GetValueOrDefault(name, double.NaN)));

    private static double Mean(IEnumerable<double> values)
    {
        double[] all = [.. values];
        return all.Length == 0 ? double.NaN : all.Average();
    }
}
