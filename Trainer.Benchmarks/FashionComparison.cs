using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- fashion [runs] [epochs] [our --threads, e.g. 1,2] [numpy's BLAS threads]</c>:
/// the trainer against ../shared/reference/numpy_mlp.py on Fashion-MNIST, the same work on both sides
/// (784-256-128-10, batch 64, lr 0.05, momentum 0.9, no weight decay, all 60 000 training rows, float32),
/// alternating runs in one command (numpy, then ours at each --threads), with the same OpenBLAS (OPENBLAS_CORETYPE set to the best
/// kernel this CPU runs, as the trainer picks it: SkylakeX with AVX-512, Haswell with AVX2; OPENBLAS_L2_SIZE unset; ours runs one BLAS thread per worker, numpy the given BLAS threads, 1 by default: its
/// fastest here). After each run it measures the GEMM floor of each thread count (<see cref="GemmFloor"/>).
/// Prints medians of the epoch times, the floor and our share of it, test accuracy, peak resident memory
/// (/usr/bin/time -v), load time, and the load average before and after. Run r trains ours with --seed r − 1 at
/// every thread count: a different thread count sums in another order, which after thousands of steps at this
/// learning rate moves the accuracy as much as another seed does (about ±0.01), so the accuracy row compares the
/// thread counts seed by seed and gives the mean of those paired differences with its standard error.
/// </summary>
internal static partial class FashionComparison
{
    public static int Run(string root, int runs, int epochs, int[] threads, int numpyThreads)
    {
        string train = BenchmarkFiles.FashionTrain(root).Path;
        string test = BenchmarkFiles.FashionTest(root).Path;
        string trainer = BenchmarkFiles.ReleaseTrainer(root).Path;
        string script = BenchmarkFiles.Reference(root, "numpy_mlp.py").Path;
        // The floor's products run on the kernel the children get: BlasBackend picks CoreType itself when the variable is unset.
        Console.WriteLine(NeuralNet.LinearAlgebra.BlasBackend.Use(NeuralNet.LinearAlgebra.BlasChoice.Auto).Describe());
        string loadBefore = Statistics.LoadAverage();

        var ours = threads.ToDictionary(t => t, _ => new List<Side>());
        var floors = threads.ToDictionary(t => t, _ => new List<double>());
        var numpy = new List<Side>();
        string work = Directory.CreateTempSubdirectory("neuralnet-fashion-").FullName;
        for (int run = 1; run <= runs; run++)
        {
            var (numpyOutput, numpyRss) = Timed(numpyThreads, BenchmarkFiles.Python, script, train, test, "--epochs", epochs.ToString(CultureInfo.InvariantCulture));
            var epochLines = EpochLine().Matches(numpyOutput);
            numpy.Add(new Side(
                [.. epochLines.Select(m => double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture))],
                double.Parse(epochLines[^1].Groups["acc"].Value, CultureInfo.InvariantCulture),
                double.Parse(LoadLine().Match(numpyOutput).Groups["s"].Value, CultureInfo.InvariantCulture),
                numpyRss));
            Console.WriteLine($"run {run} numpy: {numpyOutput.Trim().Split('\n')[^1]} (load average {Statistics.LoadAverage()})");

            foreach (int t in threads)
            {
                string report = Path.Combine(work, $"report{run}-{t}.json");
                var (oursOutput, oursRss) = Timed(1, "dotnet", trainer, "train", train, "--test", test, "--hidden", "256,128",
                    "--batch-size", "64", "--lr", "0.05", "--momentum", "0.9", "--weight-decay", "0", "--val-split", "0",
                    "--threads", t.ToString(CultureInfo.InvariantCulture), "--seed", (run - 1).ToString(CultureInfo.InvariantCulture),
                    "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--report", report, "--save", Path.Combine(work, "model.json"));
                using (var json = JsonDocument.Parse(File.ReadAllText(report)))
                {
                    var r = json.RootElement;
                    ours[t].Add(new Side(
                        [.. r.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble())],
                        r.GetProperty("test").GetProperty("metric").GetDouble(),
                        r.GetProperty("load_seconds").GetDouble(),
                        oursRss));
                }
                Console.WriteLine($"run {run} ours, --threads {t}: {string.Join(' ', oursOutput.Split('\n').Where(l => l.StartsWith("test", StringComparison.Ordinal)))} (load average {Statistics.LoadAverage()})");
                floors[t].Add(GemmFloor.StepSeconds(t, 64, [256, 128]) * 60000 / 64);
            }
        }
        Directory.Delete(work, recursive: true);

        double numpyEpoch = Statistics.Median(numpy.SelectMany(s => s.EpochSeconds));
        double numpyAccuracy = Statistics.Median(numpy.Select(s => s.TestAccuracy));
        double numpyRssMb = Statistics.Median(numpy.Select(s => s.PeakRssKb)) / 1024, numpyLoad = Statistics.Median(numpy.Select(s => s.LoadSeconds));
        Console.WriteLine();
        Console.WriteLine($"Fashion-MNIST, {epochs} epochs, {runs} alternating runs per side, OPENBLAS_CORETYPE={CoreType ?? "unset"}, numpy on {numpyThreads} BLAS thread(s), ours on one BLAS thread per worker, {DateTime.Now:yyyy-MM-dd HH:mm}, load average {loadBefore} before, {Statistics.LoadAverage()} after");
        Console.WriteLine($"| figure | numpy_mlp.py | {string.Join(" | ", threads.Select(t => $"NeuralNet --threads {t}"))} |");
        Console.WriteLine($"|---|---:|{string.Concat(threads.Select(_ => "---:|"))}");
        string Row(string figure, string numpyCell, Func<int, string> cell) => $"| {figure} | {numpyCell} | {string.Join(" | ", threads.Select(cell))} |";
        Console.WriteLine(Row("median epoch seconds", Invariant($"{numpyEpoch:0.000}"), t => Invariant($"{Statistics.Median(ours[t].SelectMany(s => s.EpochSeconds)):0.000} ({Statistics.Median(ours[t].SelectMany(s => s.EpochSeconds)) / numpyEpoch:0.00}× numpy)")));
        Console.WriteLine(Row("GEMM floor per epoch, seconds (median)", "", t => Invariant($"{Statistics.Median(floors[t]):0.000} (epoch = {Statistics.Median(ours[t].SelectMany(s => s.EpochSeconds)) / Statistics.Median(floors[t]):0.00}× floor)")));
        Console.WriteLine(Row($"test accuracy after {epochs} epochs (median over seeds 0–{runs - 1}; vs --threads {threads[0]}: mean paired difference ± standard error)",
            Invariant($"{numpyAccuracy:0.0000}"), t => Invariant($"{Statistics.Median(ours[t].Select(s => s.TestAccuracy)):0.0000} ({PairedDifference(ours[t], ours[threads[0]])})")));
        Console.WriteLine(Row("peak resident memory, MB (median)", Invariant($"{numpyRssMb:0}"), t => Invariant($"{Statistics.Median(ours[t].Select(s => s.PeakRssKb)) / 1024:0} ({Statistics.Median(ours[t].Select(s => s.PeakRssKb)) / 1024 / numpyRssMb:0.00}×)")));
        Console.WriteLine(Row("load seconds (median; ours: the train file, numpy: train + test)", Invariant($"{numpyLoad:0.000}"), t => Invariant($"{Statistics.Median(ours[t].Select(s => s.LoadSeconds)):0.000} ({Statistics.Median(ours[t].Select(s => s.LoadSeconds)) / numpyLoad:0.00}×)")));
        return 0;
    }

    /// <summary>The kernel the trainer would pick on this CPU; null leaves it to OpenBLAS.</summary>
    private static string? CoreType { get; } = NeuralNet.LinearAlgebra.CoreTypeSelection.CoreTypeToSet(null, NeuralNet.LinearAlgebra.CpuIsa.Current);

    private sealed record Side(double[] EpochSeconds, double TestAccuracy, double LoadSeconds, double PeakRssKb);

    /// <summary>Runs a command under /usr/bin/time -v with the shared BLAS settings; its output and peak RSS in kB.</summary>
    private static (string Output, double PeakRssKb) Timed(int threads, params string[] command)
    {
        var start = new ProcessStartInfo(BenchmarkFiles.Time) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-v");
        foreach (string part in command)
            start.ArgumentList.Add(part);
        // Forcing SkylakeX would die of SIGILL on an AVX2-only CPU: both sides get the kernel this CPU runs best.
        if (CoreType is null)
            start.Environment.Remove("OPENBLAS_CORETYPE");
        else
            start.Environment["OPENBLAS_CORETYPE"] = CoreType;
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new ChildProcessException(command, process.ExitCode, error.Result);
        var rss = MaxRss().Match(error.Result);
        return (output, double.Parse(rss.Groups["kb"].Value, CultureInfo.InvariantCulture));
    }

    // Run by run (the same seed on both sides): the mean of ours − reference and its standard error.
    private static string PairedDifference(List<Side> ours, List<Side> reference)
    {
        double[] differences = [.. ours.Zip(reference, (a, b) => a.TestAccuracy - b.TestAccuracy)];
        double mean = differences.Average();
        double error = differences.Length > 1
            ? Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Length - 1) / differences.Length)
            : double.NaN;
        return Invariant($"{Statistics.SignedDifference(mean)} ± {error:0.0000}");
    }

    [GeneratedRegex(@"epoch \d+ loss [\d.]+ test_acc (?<acc>[\d.]+) epoch_s (?<s>[\d.]+)")]
    private static partial Regex EpochLine();

    [GeneratedRegex(@"load_s (?<s>[\d.]+)")]
    private static partial Regex LoadLine();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (?<kb>\d+)")]
    private static partial Regex MaxRss();
}
