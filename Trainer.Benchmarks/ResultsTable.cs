using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Reports;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The final compact table, in Markdown so it can go into the README as printed: every variant's median and
/// ratio to the copy floor of its size, the numpy figures from the same run, and the ratios the targets are about.
/// </summary>
internal static class ResultsTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(Summary[] summaries, IReadOnlyList<NumpyFigure>? numpyLarge, DateTime started)
    {
        BenchmarkReport[] reports = [.. summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null)];
        Console.WriteLine();
        Console.WriteLine($"## ReLU results, {started:yyyy-MM-dd HH:mm}, {CpuName()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine();

        Table large = new(reports, [nameof(Relu5000x5000Double), nameof(Forms5000x5000Double)], 1e6, "ms");
        Table batch = new(reports, [nameof(Relu64x256Float), nameof(Forms64x256Float)], 1e3, "µs");
        large.Print("5000×5000 double", numpyLarge);
        batch.Print("64×256 float", null);

        Console.WriteLine("### Targets");
        Console.WriteLine();
        Console.WriteLine("| target | measured | met |");
        Console.WriteLine("|---|---:|:---:|");
        Target("5000×5000 in-place ReLU / copy ≤ 1.0", large.RatioToCopy(nameof(ReluTable<double>.OursInPlace)), 1.0);
        Target("5000×5000 out-of-place ReLU / copy ≤ 1.1", large.RatioToCopy(nameof(ReluTable<double>.Ours)), 1.1);
        Target("5000×5000 backward (dx = dy in place) / copy ≤ 1.6", large.RatioToCopy(nameof(ReluTable<double>.BackwardInPlace)), 1.6);
        Target("5000×5000 backward into dx / copy ≤ 1.6", large.RatioToCopy(nameof(ReluTable<double>.Backward)), 1.6);
        double? numpyInPlace = numpyLarge?.FirstOrDefault(f => f.Variant == "np.maximum(x, 0, x)")?.MedianMs * 1e6;
        double? ours = large.Median(nameof(ReluTable<double>.OursInPlace));
        Speedup("np.maximum(x, 0, x) / ours in place ≥ 1.4", numpyInPlace / ours, 1.4);
        Target(
            "64×256 ours / TensorPrimitives.Max(x, 0), in place ≤ 1.0",
            batch.Median(nameof(ReluTable<float>.OursInPlace)) / batch.Median(nameof(ReluTable<float>.TensorPrimitivesMaxInPlace)),
            1.0);
        Target(
            "64×256 ours / TensorPrimitives.Max(x, 0), out of place ≤ 1.0",
            batch.Median(nameof(ReluTable<float>.Ours)) / batch.Median(nameof(ReluTable<float>.TensorPrimitivesMax)),
            1.0);
        Console.WriteLine();
        Console.WriteLine($"Wall time of the C# table and numpy: {(DateTime.Now - started).TotalSeconds:F0} s.");
    }

    private static void Target(string name, double? ratio, double limit) =>
        Console.WriteLine($"| {name} | {Format(ratio, "x")} | {(ratio is null ? "?" : ratio <= limit ? "yes" : "NO")} |");

    private static void Speedup(string name, double? ratio, double limit) =>
        Console.WriteLine($"| {name} | {Format(ratio, "x")} | {(ratio is null ? "?" : ratio >= limit ? "yes" : "NO")} |");

    /// <summary>A variant name as a Markdown table cell: code, with its pipes escaped so |x| does not split the row.</summary>
    private static string Cell(string name) => $"`{name.Replace("|", "\\|", StringComparison.Ordinal)}`";

    private static string Format(double? value, string unit) => value is null ? "n/a" : value.Value.ToString("F2", Invariant) + unit;

    private static string CpuName()
    {
        const string Prefix = "model name";
        string? line = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>The reports of one size (both halves of the table), in the order they ran.</summary>
    private sealed class Table(BenchmarkReport[] all, string[] classNames, double nanosecondsPerUnit, string unit)
    {
        private readonly BenchmarkReport[] _reports = [.. all.Where(r => classNames.Contains(r.BenchmarkCase.Descriptor.Type.Name))];

        public double? Median(string method) =>
            _reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics?.Median;

        public double? RatioToCopy(string method) => Median(method) / Median(nameof(ReluTable<double>.Copy));

        public void Print(string title, IReadOnlyList<NumpyFigure>? numpy)
        {
            int[] counts = [.. _reports.Select(r => r.ResultStatistics!.N)];
            string iterations = counts.Length == 0 ? "0" : $"{counts.Min()}–{counts.Max()}";
            Console.WriteLine($"### {title}: BenchmarkDotNet, median of {iterations} iterations per row (upper outliers removed)");
            Console.WriteLine();
            Console.WriteLine($"| variant | median ({unit}) | / copy |");
            Console.WriteLine("|---|---:|---:|");
            foreach (BenchmarkReport report in _reports)
            {
                string name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
                double median = report.ResultStatistics!.Median;
                string ratio = Format(RatioToCopy(report.BenchmarkCase.Descriptor.WorkloadMethod.Name), "x");
                Console.WriteLine($"| {Cell(name)} | {(median / nanosecondsPerUnit).ToString("F2", Invariant)} | {ratio} |");
            }

            Console.WriteLine();
            if (numpy is { Count: > 0 })
            {
                Console.WriteLine($"### {title}: relu_numpy.py, same run (median; ratio to numpy's own copy)");
                Console.WriteLine();
                Console.WriteLine($"| numpy variant | median ({unit}) | / numpy copy |");
                Console.WriteLine("|---|---:|---:|");
                foreach (NumpyFigure figure in numpy)
                {
                    double median = figure.MedianMs * 1e6 / nanosecondsPerUnit;
                    Console.WriteLine($"| {Cell(figure.Variant)} | {median.ToString("F2", Invariant)} | {figure.RatioToCopy.ToString("F2", Invariant)}x |");
                }

                Console.WriteLine();
            }
        }
    }
}
