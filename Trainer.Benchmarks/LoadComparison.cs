using System.Diagnostics;
using System.Globalization;
using NeuralNet.Data;
using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- load FILE.csv [repeats] [--only-load] [--target NAME]</c>:
/// times <see cref="CsvLoader.Load"/> on a file against numpy's <c>np.loadtxt</c> on the same file, alternating in one
/// command, and prints the medians. With <c>--only-load</c> it loads once and exits, for measuring peak memory with
/// <c>/usr/bin/time -v</c>.
/// </summary>
internal static class LoadComparison
{
    public static int Run(string path, int repeats, bool onlyLoad, string? targetName)
    {
        string[]? target = targetName is null ? null : [targetName];
        if (onlyLoad)
        {
            var raw = CsvLoader.Load(path, target, DataOptions.Default);
            Console.WriteLine(Invariant($"{raw.Rows} rows, {raw.NumericCount} numeric columns: a float32 matrix of {raw.Rows * (long)raw.NumericCount * 4 / 1e6:0.0} MB ({raw.Numbers.Length * 4L / 1e6:0.0} MB allocated)"));
            return 0;
        }

        var ours = new List<double>();
        var numpy = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var raw = CsvLoader.Load(path, target, DataOptions.Default);
            ours.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
            GC.KeepAlive(raw);
            GC.Collect();
            string loadtxt = $"import numpy as np,time; t=time.perf_counter(); np.loadtxt({Quote(path)},delimiter=',',skiprows=1,dtype=np.float32); print(time.perf_counter()-t)";
            using var python = Process.Start(new ProcessStartInfo(BenchmarkFiles.Python, ["-c", loadtxt]) { RedirectStandardOutput = true })!;
            numpy.Add(double.Parse(python.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture));
            python.WaitForExit();
            Console.WriteLine(Invariant($"run {i + 1}: ours {ours[^1]:0.000} s, np.loadtxt {numpy[^1]:0.000} s"));
        }
        double oursMedian = Median(ours), numpyMedian = Median(numpy);
        Console.WriteLine(Invariant($"median of {repeats}: ours {oursMedian:0.000} s, np.loadtxt {numpyMedian:0.000} s, ratio {oursMedian / numpyMedian:0.00}"));
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
