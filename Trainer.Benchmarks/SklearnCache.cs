using System.Globalization;
using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>scikit-learn's figures from earlier runs of the quality benchmark, one tab-separated line per dataset
/// and seed (the last line wins): dataset, seed, task, metric, fit seconds, wall seconds, extra figures as name=value,
/// processor seconds.
/// Its metric depends only on the split files and the seed, so experiments with the trainer need not refit it.</summary>
internal sealed class SklearnCache(string path)
{
    public SideResult? Find(string dataset, int seed)
    {
        if (!File.Exists(path))
            return null;
        string key = Invariant($"{dataset}\t{seed}\t");
        string? line = File.ReadLines(path).LastOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        if (line is null)
            return null;
        string[] f = line.Split('\t');
        var extra = f[6].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        return new SideResult(f[2], Number(f[3]), extra, Number(f[5]), Number(f[4]), "(cached)", f.Length > 7 ? Number(f[7]) : double.NaN);
    }

    public void Store(string dataset, int seed, SideResult result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string extra = string.Join(',', result.Extra.Select(e => Invariant($"{e.Key}={e.Value:R}")));
        File.AppendAllLines(path, [Invariant($"{dataset}\t{seed}\t{result.Task}\t{result.Metric:R}\t{result.FitSeconds:R}\t{result.WallSeconds:R}\t{extra}\t{result.CpuSeconds:R}")]);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
