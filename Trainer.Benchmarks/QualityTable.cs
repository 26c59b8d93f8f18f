using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>The quality benchmark's tables, in Markdown: the test metric and the times, then the secondary figures.</summary>
internal static class QualityTable
{
    /// <summary>Within this of scikit-learn's mean counts as a tie, on the five tiny shipped datasets only.</summary>
    private const double TinyTie = 0.005;

    public static void Print(IReadOnlyList<QualityRow> rows, int largeRows)
    {
        Console.WriteLine("| dataset | train rows | metric | NeuralNet, per seed | NeuralNet mean | scikit-learn mean | Δ | NeuralNet wall s | scikit-learn fit s | wall / fit | NeuralNet cpu s | scikit-learn cpu s | cpu ratio | met |");
        Console.WriteLine("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var row in rows)
        {
            string metric = row.Ours.Concat(row.Sklearn).FirstOrDefault(r => r.Task.Length > 0)?.Task == "regression" ? "R²" : "accuracy";
            double ours = Mean(row.Ours.Select(r => r.Metric));
            double sklearn = Mean(row.Sklearn.Select(r => r.Metric));
            double wall = Mean(row.Ours.Select(r => r.WallSeconds));
            double fit = Mean(row.Sklearn.Select(r => r.FitSeconds));
            double oursCpu = Mean(row.Ours.Select(r => r.CpuSeconds)), sklearnCpu = Mean(row.Sklearn.Select(r => r.CpuSeconds));
            bool quality = row.Sklearn.Count == 0 || ours >= sklearn || (row.Dataset.Tiny && ours >= sklearn - TinyTie);
            bool large = row.TrainRows + row.TrainRows / 4 > largeRows;
            bool time = !large || row.Sklearn.Count == 0 || wall <= 0.5 * fit;
            string verdict = (quality, time) switch
            {
                (true, true) => "yes",
                (false, true) => "no (metric)",
                (true, false) => "no (time)",
                _ => "no (metric, time)",
            };
            Console.WriteLine(Invariant($"| {row.Dataset.Name} | {row.TrainRows:N0} | {metric} | {string.Join(' ', row.Ours.Select(r => r.Metric.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)))} | **{ours:0.0000}** | {sklearn:0.0000} | {Statistics.SignedDifference(ours - sklearn)} | {wall:0.0} | {fit:0.0} | {wall / fit:0.00}{(large ? " (≤ 0.5)" : "")} | {oursCpu:0.0} | {sklearnCpu:0.0} | {oursCpu / sklearnCpu:0.00} | {verdict} |"));
        }

        var secondary = rows.SelectMany(row => row.Ours.SelectMany(r => r.Extra.Keys).Concat(row.Sklearn.SelectMany(r => r.Extra.Keys)).Distinct()
            .Select(name => (row, name))).ToArray();
        if (secondary.Length > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| dataset | figure (test file) | NeuralNet mean | scikit-learn mean |");
            Console.WriteLine("|---|---|---:|---:|");
            foreach (var (row, name) in secondary)
                Console.WriteLine(Invariant($"| {row.Dataset.Name} | {name} | {Mean(row.Ours.Select(r => r.Extra.GetValueOrDefault(name, double.NaN))):0.0000} | {Mean(row.Sklearn.Select(r => r.Extra.GetValueOrDefault(name, double.NaN))):0.0000} |"));
        }

        if (rows.FirstOrDefault(r => r.Dataset.Name == "fashion-mnist") is { } fashion)
        {
            double accuracy = Mean(fashion.Ours.Select(r => r.Metric)), wall = Mean(fashion.Ours.Select(r => r.WallSeconds));
            Console.WriteLine();
            Console.WriteLine(Invariant($"Fashion-MNIST with no flags: test accuracy {accuracy:0.0000} (target ≥ 0.885), wall {wall:0.0} s (target ≤ 60 s): {(accuracy >= 0.885 && wall <= 60 ? "met" : "NOT met")}"));
        }
    }

    private static double Mean(IEnumerable<double> values)
    {
        double[] all = [.. values];
        return all.Length == 0 ? double.NaN : all.Average();
    }
}
