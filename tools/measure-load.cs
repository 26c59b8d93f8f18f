#:project ../Trainer/Trainer.csproj
#:property PublishAot=false
// Times CsvLoader.Load on a file against numpy's np.loadtxt on the same file, alternating, and prints the medians;
// with --only-load, loads once and exits, for measuring peak memory with /usr/bin/time -v.
// Usage: dotnet run -c Release tools/measure-load.cs -- FILE.csv [repeats] [--only-load] [--target NAME]
using System.Diagnostics;
using System.Globalization;
using NeuralNet.Data;

string path = args[0];
int repeats = args.Length > 1 && int.TryParse(args[1], out int n) ? n : 5;
int targetAt = Array.IndexOf(args, "--target");
string[]? target = targetAt >= 0 ? [args[targetAt + 1]] : null;
if (args.Contains("--only-load"))
{
    var raw = CsvLoader.Load(path, target, DataOptions.Default);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{raw.Rows} rows, {raw.NumericCount} numeric columns: a float32 matrix of {raw.Rows * (long)raw.NumericCount * 4 / 1e6:0.0} MB ({raw.Numbers.Length * 4L / 1e6:0.0} MB allocated)"));
    return;
}
var ours = new List<double>();
var oursCpu = new List<double>();
var numpy = new List<double>();
for (int i = 0; i < repeats; i++)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    long start = Stopwatch.GetTimestamp();
    var raw = CsvLoader.Load(path, target, DataOptions.Default);
    ours.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
    oursCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    GC.KeepAlive(raw);
    raw = null;
    GC.Collect();
    var python = Process.Start(new ProcessStartInfo("/usr/bin/python3",
        ["-c", $"import numpy as np,time; t=time.perf_counter(); np.loadtxt({Quote(path)},delimiter=',',skiprows=1,dtype=np.float32); print(time.perf_counter()-t)"])
    { RedirectStandardOutput = true })!;
    numpy.Add(double.Parse(python.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture));
    python.WaitForExit();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: ours {ours[^1]:0.000} s ({oursCpu[^1]:0.000} s CPU), np.loadtxt {numpy[^1]:0.000} s"));
}
double oursMedian = Median(ours), numpyMedian = Median(numpy);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {repeats}: ours {oursMedian:0.000} s ({Median(oursCpu):0.000} s CPU), np.loadtxt {numpyMedian:0.000} s, ratio {oursMedian / numpyMedian:0.00}"));

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
