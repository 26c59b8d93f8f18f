using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- relu</c> runs the ReLU table, then relu_numpy.py,
/// then prints the compact results table. <c>-- fashion [runs] [epochs] [cores,…]</c> compares
/// Fashion-MNIST training with numpy_mlp.py (<see cref="FashionComparison"/>); <c>-- scaling [rounds]</c> prints the
/// samples/s table of batch sizes × widths × workers (<see cref="ScalingTable"/>).
/// <c>-- quality</c> runs the trainer with no flags and scikit-learn's MLP defaults on every dataset (<see cref="QualityBenchmark"/>);
/// <c>-- load</c> times the CSV reader against np.loadtxt (<see cref="LoadComparison"/>). Any other arguments go to
/// BenchmarkDotNet's switcher (e.g. --filter). <c>--check</c> before any of these parses the arguments and lists the
/// files the benchmark reads, without running it (<see cref="BenchmarkCommandLine"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses <paramref name="args"/> and runs the benchmark (or, with --check, only checks it); a bad
    /// argument, or a file the benchmark needs that is missing, is one line on <paramref name="error"/> and exit code
    /// 2. --check writes to <paramref name="output"/>; the benchmarks themselves print to the console.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, FindRepositoryRoot());

    /// <summary><see cref="Run(string[], TextWriter, TextWriter)"/> on the repository at <paramref name="root"/>
    /// (whose ../shared holds the reference programs).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, string root) => BenchmarkCommandLine.Run(args, output, error, root);

    /// <summary>The ReLU table: BenchmarkDotNet's runs, then relu_numpy.py, then the compact table.</summary>
    internal static int RunRelu(string root)
    {
        if (SupportedWidths.Note is { } note)
            Console.WriteLine(note);
        DateTime started = DateTime.Now;
        Summary[] summaries = BenchmarkRunner.Run(
            [typeof(Relu5000x5000Double), typeof(Forms5000x5000Double), typeof(Relu64x256Float), typeof(Forms64x256Float)]);
        // The script prints milliseconds to two decimals, too coarse for the 64×256 batch, so only the thread's size.
        IReadOnlyList<NumpyFigure>? numpy = NumpyReference.Run(root);
        ResultsTable.Print(summaries, numpy, started);
        return summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.All(r => r.Success)) ? 0 : 1;
    }

    /// <summary>The folder holding NeuralNet.sln, looked for upwards from the binary and then from the working folder.</summary>
    internal static string FindRepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "NeuralNet.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
