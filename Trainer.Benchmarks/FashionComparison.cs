using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- fashion [runs] [epochs] [cores, e.g. 1,2]</c>: the trainer
/// against ../shared/reference/numpy_mlp.py on Fashion-MNIST, the same work on both sides (784-256-128-10, batch 64,
/// lr 0.05, momentum 0.9, no weight decay, all 60 000 training rows, float32), alternating runs in one command, on
/// equal cores with numpy at its fastest: for each core count N given, ours runs with --threads N (one BLAS thread
/// per worker) and numpy at every BLAS thread count k from 1 to N (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = k), each
/// pinned (taskset) to the first N (ours) or k (numpy) cores; per run, ours is compared with the fastest of numpy's
/// settings within N cores, and the table says which k that was. Both get the same OpenBLAS kernel
/// (OPENBLAS_CORETYPE set to the best this CPU runs, as the trainer picks it: SkylakeX with AVX-512, Haswell with
/// AVX2). After each run it measures the GEMM floor of each core count in this process (<see cref="GemmFloor"/>), so
/// ours is also given over the floor of the same run. Prints the CPU, medians of the epoch times and of the per-run
/// ratios, test accuracy, peak resident memory (/usr/bin/time -v), load time, and the load average before and after.
/// Run r trains ours with --seed r − 1 at every core count: another worker count sums in another order, which moves
/// the accuracy as much as another seed does (about ±0.01), so the accuracy row compares core counts seed by seed.
/// </summary>
internal static partial class FashionComparison
{
    public static int Run(string root, int runs, int epochs, int[] cores)
    {
        if (cores.Max() > Environment.ProcessorCount)
        {
            Console.Error.WriteLine($"error: fashion: {cores.Max()} cores asked for, but this process may use {Environment.ProcessorCount}");
            return 2;
        }
        string train = BenchmarkFiles.FashionTrain(root).Path;
        string test = BenchmarkFiles.FashionTest(root).Path;
        string trainer = BenchmarkFiles.ReleaseTrainer(root).Path;
        string script = BenchmarkFiles.Reference(root, "numpy_mlp.py").Path;
        string cpu = MachineCores.Describe();
        // The floor's products run on the kernel the children get: BlasBackend picks CoreType itself when the variable is unset.
        Console.WriteLine($"CPU: {cpu}; {NeuralNet.LinearAlgebra.BlasBackend.Use(NeuralNet.LinearAlgebra.BlasChoice.Auto).Describe()}");
        string loadBefore = Statistics.LoadAverage();

        int[] blasThreads = [.. Enumerable.Range(1, cores.Max())];
        var numpy = blasThreads.ToDictionary(k => k, _ => new List<Side>());
        var ours = cores.ToDictionary(n => n, _ => new List<Side>());
        var floors = cores.ToDictionary(n => n, _ => new List<double>());
        string work = Directory.CreateTempSubdirectory("neuralnet-fashion-").FullName;
        for (int run = 1; run <= runs; run++)
        {
            foreach (int k in blasThreads)
            {
                numpy[k].Add(Numpy(script, train, test, epochs, k));
                Console.WriteLine(Invariant($"run {run} numpy, {k} BLAS thread(s) on {k} core(s): epoch {numpy[k][^1].Epoch:0.000} s, test_acc {numpy[k][^1].TestAccuracy:0.0000} (load average {Statistics.LoadAverage()})"));
            }
            foreach (int n in cores)
            {
                ours[n].Add(Ours(trainer, train, test, epochs, n, run - 1, work));
                floors[n].Add(GemmFloor.StepSeconds(n, 64, [256, 128]) * 60000 / 64);
                Console.WriteLine(Invariant($"run {run} ours, --threads {n} on {n} core(s): epoch {ours[n][^1].Epoch:0.000} s, test {ours[n][^1].TestAccuracy:0.0000}, GEMM floor {floors[n][^1]:0.000} s (load average {Statistics.LoadAverage()})"));
            }
        }
        Directory.Delete(work, recursive: true);

        // Per run and core count N: numpy's fastest setting within N cores, and ours against it and against the floor.
        var best = cores.ToDictionary(n => n, n => Enumerable.Range(0, runs).Select(r => blasThreads.Where(k => k <= n).MinBy(k => numpy[k][r].Epoch)).ToArray());
        Console.WriteLine();
        Console.WriteLine($"Fashion-MNIST, {epochs} epochs, {runs} alternating runs, CPU {cpu}, OPENBLAS_CORETYPE={CoreType ?? "unset"}, {DateTime.Now:yyyy-MM-dd HH:mm}, load average {loadBefore} before, {Statistics.LoadAverage()} after");
        Console.WriteLine("Each column is one core count: ours with --threads N and numpy at its fastest BLAS thread count k ≤ N, each pinned to its cores; ratios are medians of the per-run ratios.");
        Console.WriteLine($"| figure | {string.Join(" | ", cores.Select(n => $"{n} core{(n == 1 ? "" : "s")}"))} |");
        Console.WriteLine($"|---|{string.Concat(cores.Select(_ => "---:|"))}");
        void Row(string figure, Func<int, string> cell) => Console.WriteLine($"| {figure} | {string.Join(" | ", cores.Select(cell))} |");
        foreach (int k in blasThreads)
            Row(Invariant($"numpy_mlp.py, {k} BLAS thread{(k == 1 ? "" : "s")}: median epoch seconds"), n => k <= n ? Invariant($"{Statistics.Median(numpy[k].Select(s => s.Epoch)):0.000}") : "");
        Row("numpy's fastest setting per run", n => string.Join(", ", best[n].GroupBy(k => k).OrderBy(g => g.Key).Select(g => $"{g.Key} thread{(g.Key == 1 ? "" : "s")} in {g.Count()} of {runs}")));
        Row("numpy at its fastest: median epoch seconds", n => Invariant($"{Statistics.Median(best[n].Select((k, r) => numpy[k][r].Epoch)):0.000}"));
        Row("NeuralNet --threads N: median epoch seconds", n => Invariant($"{Statistics.Median(ours[n].Select(s => s.Epoch)):0.000}"));
        Row("**NeuralNet / numpy at its fastest**", n => Invariant($"**{Statistics.Median(ours[n].Select((s, r) => s.Epoch / numpy[best[n][r]][r].Epoch)):0.00}×**"));
        Row("GEMM floor per epoch, seconds (median)", n => Invariant($"{Statistics.Median(floors[n]):0.000}"));
        Row("**NeuralNet / GEMM floor**", n => Invariant($"**{Statistics.Median(ours[n].Select((s, r) => s.Epoch / floors[n][r])):0.00}×**"));
        Row(Invariant($"test accuracy after {epochs} epochs, numpy at its fastest / ours (medians; ours vs {cores[0]} core(s): mean paired difference ± standard error)"),
            n => Invariant($"{Statistics.Median(best[n].Select((k, r) => numpy[k][r].TestAccuracy)):0.0000} / {Statistics.Median(ours[n].Select(s => s.TestAccuracy)):0.0000} ({PairedDifference(ours[n], ours[cores[0]])})"));
        Row("peak resident memory, MB, numpy at its fastest / ours (medians)",
            n => Invariant($"{Statistics.Median(best[n].Select((k, r) => numpy[k][r].PeakRssKb)) / 1024:0} / {Statistics.Median(ours[n].Select(s => s.PeakRssKb)) / 1024:0}"));
        Row("load seconds, numpy (train + test) / ours (the train file) (medians)",
            n => Invariant($"{Statistics.Median(best[n].Select((k, r) => numpy[k][r].LoadSeconds)):0.000} / {Statistics.Median(ours[n].Select(s => s.LoadSeconds)):0.000}"));
        return 0;
    }

    /// <summary>The kernel the trainer would pick on this CPU; null leaves it to OpenBLAS.</summary>
    private static string? CoreType { get; } = NeuralNet.LinearAlgebra.CoreTypeSelection.CoreTypeToSet(null, NeuralNet.LinearAlgebra.CpuIsa.Current);

    /// <param name="Epoch">The median of the run's epoch times.</param>
    private sealed record Side(double Epoch, double TestAccuracy, double LoadSeconds, double PeakRssKb);

    /// <summary>numpy_mlp.py with <paramref name="threads"/> BLAS threads on as many cores.</summary>
    private static Side Numpy(string script, string train, string test, int epochs, int threads)
    {
        var (output, rss) = Timed(threads, threads, BenchmarkFiles.Python, script, train, test, "--epochs", epochs.ToString(CultureInfo.InvariantCulture));
        var epochLines = EpochLine().Matches(output);
        return new Side(
            Statistics.Median(epochLines.Select(m => double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture))),
            double.Parse(epochLines[^1].Groups["acc"].Value, CultureInfo.InvariantCulture),
            double.Parse(LoadLine().Match(output).Groups["s"].Value, CultureInfo.InvariantCulture),
            rss);
    }

    /// <summary>The trainer with --threads <paramref name="cores"/> (one BLAS thread per worker) on as many cores.</summary>
    private static Side Ours(string trainer, string train, string test, int epochs, int cores, int seed, string work)
    {
        string report = Path.Combine(work, Invariant($"report-{seed}-{cores}.json"));
        var (_, rss) = Timed(cores, 1, "dotnet", trainer, "train", train, "--test", test, "--hidden", "256,128",
            "--batch-size", "64", "--lr", "0.05", "--momentum", "0.9", "--weight-decay", "0", "--val-split", "0",
            "--threads", cores.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--report", report, "--save", Path.Combine(work, "model.json"));
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var r = json.RootElement;
        return new Side(
            Statistics.Median(r.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble())),
            r.GetProperty("test").GetProperty("metric").GetDouble(),
            r.GetProperty("load_seconds").GetDouble(),
            rss);
    }

    /// <summary>Runs a command pinned to the first <paramref name="cores"/> cores, under /usr/bin/time -v, with
    /// <paramref name="blasThreads"/> OpenBLAS (and OpenMP) threads and the shared kernel; its output and peak RSS in kB.</summary>
    private static (string Output, double PeakRssKb) Timed(int cores, int blasThreads, params string[] command)
    {
        var start = new ProcessStartInfo(BenchmarkFiles.Time) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string part in (string[])["-v", BenchmarkFiles.Taskset, "-c", MachineCores.First(cores), .. command])
            start.ArgumentList.Add(part);
        // Forcing SkylakeX would die of SIGILL on an AVX2-only CPU: both sides get the kernel this CPU runs best.
        if (CoreType is null)
            start.Environment.Remove("OPENBLAS_CORETYPE");
        else
            start.Environment["OPENBLAS_CORETYPE"] = CoreType;
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        start.Environment["OPENBLAS_NUM_THREADS"] = blasThreads.ToString(CultureInfo.InvariantCulture);
        start.Environment["OMP_NUM_THREADS"] = blasThreads.ToString(CultureInfo.InvariantCulture);
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
