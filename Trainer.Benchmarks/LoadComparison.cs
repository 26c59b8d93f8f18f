using System.Diagnostics;
using System.Globalization;
using NeuralNet.Data;
using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- load FILE.csv [runs] [--workers 1,2] [--target NAME]</c>:
/// reads and prepares a file as <c>train</c> does (<see cref="PreparedData.Load"/>: the read, the screening, the
/// split, the fit and the encoding into the float matrix) with each worker count, against pandas' <c>read_csv</c>
/// of the same file, alternating, each side a fresh process pinned to the same N cores (taskset) and measured by
/// /usr/bin/time for its peak memory; prints the medians as a table, with the CPU and the load average. pandas'
/// C parser runs on one thread whatever the cores: it gets them all the same. With <c>--only-load</c> the
/// process reads the file once, prints one line of figures and exits: the child the table is made of.
/// </summary>
internal static class LoadComparison
{
    private const string OursLine = "ours:";

    public static int Run(string path, int runs, int[] workers, bool onlyLoad, string? targetName)
    {
        if (onlyLoad)
            return LoadOnce(path, workers.FirstOrDefault(Environment.ProcessorCount), targetName);
        string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var ours = workers.ToDictionary(w => w, _ => new List<Figures>());
        var pandas = workers.ToDictionary(w => w, _ => new List<Figures>());
        for (int run = 0; run < runs; run++)
        {
            foreach (int w in workers)
            {
                ours[w].Add(Ours(path, w, targetName));
                pandas[w].Add(Pandas(path, w));
                Console.WriteLine(Invariant($"run {run + 1}, {w} worker{(w == 1 ? "" : "s")}: ours {ours[w][^1]}; pandas {pandas[w][^1]}"));
            }
        }
        string loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var size = new FileInfo(path).Length;
        Console.WriteLine();
        Console.WriteLine(Invariant($"Read + prepare of {Path.GetFileName(path)} ({size / 1e6:0.0} MB), {MachineCores.Describe()}; medians of {runs} alternating runs, load average {load} before, {loadAfter} after"));
        Console.WriteLine();
        // pandas' parser runs on one thread: its fastest setting on N cores is the fastest of its runs on 1..N cores.
        Console.WriteLine("| cores | read | prepare | read + prepare | pandas read_csv on these cores | pandas at its fastest | ratio to it | peak memory | float matrix | peak / (1.5 × matrix + 100 MB) | pandas peak |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int w in workers)
        {
            var o = ours[w];
            double total = Median(o.Select(f => f.Read + f.Prepare)), here = Median(pandas[w].Select(f => f.Read));
            double fastest = Median(Enumerable.Range(0, runs).Select(run => workers.Where(v => v <= w).Min(v => pandas[v][run].Read)));
            double peak = Median(o.Select(f => f.PeakMb)), matrix = o[0].MatrixMb;
            Console.WriteLine(Invariant($"| {w} | {Median(o.Select(f => f.Read)):0.00} s | {Median(o.Select(f => f.Prepare)):0.00} s | {total:0.00} s | {here:0.00} s | {fastest:0.00} s | {total / fastest:0.00}× | {peak:0} MB | {matrix:0} MB | {peak / (1.5 * matrix + 100):0.00} | {Median(pandas[w].Select(f => f.PeakMb)):0} MB |"));
        }
        return 0;
    }

    /// <param name="Read">Seconds reading (ours: the file into the raw matrix; pandas: read_csv).</param>
    /// <param name="Prepare">Seconds from the raw matrix to the model's float matrix (ours only).</param>
    /// <param name="PeakMb">The process's peak resident memory.</param>
    /// <param name="MatrixMb">The model-ready float matrix (ours only).</param>
    private sealed record Figures(double Read, double Prepare, double PeakMb, double MatrixMb)
    {
        public override string ToString() => Invariant($"read {Read:0.000} s, prepare {Prepare:0.000} s, peak {PeakMb:0} MB");
    }

    /// <summary>The child: one read and prepare as train does it, its figures on one line.</summary>
    private static int LoadOnce(string path, int workers, string? targetName)
    {
        var data = PreparedData.Load(path, targetName is null ? null : [targetName], null, 0.2, new Random(0), DataOptions.Default with { Workers = workers });
        long values = ((long)data.Train.Count + data.Validation.Count) * data.Train.FeatureCount;
        Console.WriteLine(Invariant($"{OursLine} {data.LoadSeconds:R} {data.PrepareSeconds:R} {values * 4 / 1e6:R} ({data.Rows} rows, {data.Train.FeatureCount} features, {workers} workers)"));
        return 0;
    }

    private static Figures Ours(string path, int workers, string? targetName)
    {
        string self = typeof(LoadComparison).Assembly.Location;
        string[] args = ["dotnet", self, "load", path, "--only-load", "--workers", workers.ToString(CultureInfo.InvariantCulture), .. targetName is null ? Array.Empty<string>() : ["--target", targetName]];
        var (output, peakMb) = Pinned(workers, args);
        var line = output.Split('\n').First(l => l.StartsWith(OursLine, StringComparison.Ordinal))[OursLine.Length..].Trim().Split(' ');
        return new Figures(Parse(line[0]), Parse(line[1]), peakMb, Parse(line[2]));
    }

    private static Figures Pandas(string path, int cores)
    {
        string script = $"import pandas as pd,time; t=time.perf_counter(); pd.read_csv({Quote(path)}); print(time.perf_counter()-t)";
        var (output, peakMb) = Pinned(cores, [BenchmarkFiles.Python, "-c", script]);
        return new Figures(Parse(output.Trim().Split('\n')[^1]), 0, peakMb, 0);
    }

    /// <summary>Runs a command on the first <paramref name="cores"/> cores under /usr/bin/time; its standard output
    /// and its peak resident memory in MB.</summary>
    private static (string Output, double PeakMb) Pinned(int cores, string[] command)
    {
        string[] args = ["-c", MachineCores.First(cores), BenchmarkFiles.Time, "-f", "peak-kb %M", .. command];
        using var process = Process.Start(new ProcessStartInfo(BenchmarkFiles.Taskset, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new ChildProcessException(command, process.ExitCode, error.Result);
        string peak = error.Result.Split('\n').Last(l => l.StartsWith("peak-kb ", StringComparison.Ordinal))["peak-kb ".Length..];
        return (output, Parse(peak) / 1024);
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
