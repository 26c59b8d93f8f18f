using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NeuralNet.Benchmarks;

/// <summary>One side's result on one split: the test metric (accuracy or R²), the extra figures the side printed
/// (balanced_accuracy, macro_f1, rmse, mae), and its times.</summary>
/// <param name="WallSeconds">The whole child process, start to exit.</param>
/// <param name="FitSeconds">scikit-learn's fit alone (what sklearn_defaults.py prints); the training epochs for ours.</param>
/// <param name="CpuSeconds">The whole child process's processor time (user + system, all threads): on a machine
/// shared with other work it changes far less than the wall time does.</param>
internal sealed record SideResult(string Task, double Metric, IReadOnlyDictionary<string, double> Extra, double WallSeconds, double FitSeconds, string Note,
    double CpuSeconds = double.NaN);

/// <summary>Runs the trainer (the built Trainer.dll, as a child process) and sklearn_defaults.py on one split.</summary>
internal static partial class QualityRuns
{
    /// <param name="extraArguments">Flags added to the trainer's command line (experiments); none for the benchmark.</param>
    public static SideResult Ours(string trainerDll, string train, string test, int seed, string work, IReadOnlyList<string> extraArguments)
    {
        string report = Path.Combine(work, "report.json");
        File.Delete(report);
        var (exit, output, error, wall, cpu) = Run("dotnet",
            [trainerDll, "train", train, "--test", test, "--seed", seed.ToString(CultureInfo.InvariantCulture),
             "--report", report, "--save", Path.Combine(work, "model.json"), .. extraArguments]);
        if (exit != 0 || !File.Exists(report))
            return Failed($"exit {exit}: {LastLine(error.Length > 0 ? error : output)}", wall);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement;
        if (!root.TryGetProperty("test", out var testScore))
            return Failed("no test score in the report", wall);
        var extra = new Dictionary<string, double>();
        foreach (var property in testScore.EnumerateObject())
        {
            if (property.Name is not ("loss" or "metric") && property.Value.ValueKind == JsonValueKind.Number)
                extra[property.Name] = property.Value.GetDouble();
        }
        int epochs = root.GetProperty("epoch_seconds").GetArrayLength();
        double fit = root.GetProperty("epoch_seconds").EnumerateArray().Sum(e => e.GetDouble());
        string task = root.GetProperty("task").GetString()!;
        return new SideResult(task, testScore.GetProperty("metric").GetDouble(), extra, wall, fit,
            string.Create(CultureInfo.InvariantCulture, $"{epochs} epochs{(root.TryGetProperty("best_epoch", out var best) ? $", best {best.GetInt32()}" : "")}, cpu {cpu:0.0} s"), cpu);
    }

    /// <param name="threads">The BLAS and OpenMP threads the script may use (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS);
    /// null leaves them to the libraries (every core).</param>
    public static SideResult Sklearn(string script, string train, string test, int seed, IReadOnlyList<string> readArguments, int? threads = null)
    {
        var (exit, output, error, wall, cpu) = Run("/usr/bin/python3", [script, train, test, "--seed", seed.ToString(CultureInfo.InvariantCulture), .. readArguments], threads);
        var main = MainLine().Match(output);
        if (exit != 0 || !main.Success)
            return Failed($"exit {exit}: {LastLine(error.Length > 0 ? error : output)}", wall);
        var extra = ExtraFigure().Matches(output.Split('\n').ElementAtOrDefault(1) ?? "")
            .ToDictionary(m => m.Groups["name"].Value, m => Number(m.Groups["value"].Value));
        return new SideResult(main.Groups["task"].Value, Number(main.Groups["metric"].Value), extra, wall, Number(main.Groups["fit"].Value),
            string.Create(CultureInfo.InvariantCulture, $"cpu {cpu:0.0} s"), cpu);
    }

    private static SideResult Failed(string why, double wall) => new("", double.NaN, new Dictionary<string, double>(), wall, double.NaN, why);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string LastLine(string text) => text.Trim().Split('\n')[^1];

    /// <summary>Runs the command under /usr/bin/time, which reports the child's user and system seconds (a reaped
    /// process's processor time is not readable through Process on Linux).</summary>
    private static (int Exit, string Output, string Error, double WallSeconds, double CpuSeconds) Run(string program, IReadOnlyList<string> arguments, int? threads = null)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (threads is { } count)
        {
            start.Environment["OPENBLAS_NUM_THREADS"] = count.ToString(CultureInfo.InvariantCulture);
            start.Environment["OMP_NUM_THREADS"] = count.ToString(CultureInfo.InvariantCulture);
        }
        foreach (string argument in (string[])["-f", "neuralnet-quality-cpu %U %S", program, .. arguments])
            start.ArgumentList.Add(argument);
        long started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = CpuLine().Match(error.Result);
        string errors = CpuLine().Replace(error.Result, "");
        return (process.ExitCode, output, errors, wall, cpu.Success ? Number(cpu.Groups["user"].Value) + Number(cpu.Groups["system"].Value) : double.NaN);
    }

    [GeneratedRegex(@"neuralnet-quality-cpu (?<user>[\d.]+) (?<system>[\d.]+)\n?")]
    private static partial Regex CpuLine();

    // "task classification metric 0.8780 fit_s 135.20 rows 60000"
    [GeneratedRegex(@"task (?<task>\w+) metric (?<metric>-?[\d.]+) fit_s (?<fit>[\d.]+) rows \d+")]
    private static partial Regex MainLine();

    // "balanced_accuracy 0.8300 macro_f1 0.8100" or "rmse 12.3 mae 9.8"
    [GeneratedRegex(@"(?<name>[a-z_0-9]+) (?<value>-?[\d.]+(?:e[-+]?\d+)?)")]
    private static partial Regex ExtraFigure();
}
