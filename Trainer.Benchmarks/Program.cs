using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- relu</c> runs the ReLU table, then relu_numpy.py,
/// then prints the compact results table. <c>-- fashion [runs] [epochs] [threads,…] [numpy BLAS threads]</c> compares
/// Fashion-MNIST training with numpy_mlp.py (<see cref="FashionComparison"/>); <c>-- scaling [rounds]</c> prints the
/// samples/s table of batch sizes × widths × workers (<see cref="ScalingTable"/>).
/// <c>-- quality</c> runs the trainer with no flags and scikit-learn's MLP defaults on every dataset (<see cref="QualityBenchmark"/>). Any other arguments go to BenchmarkDotNet's switcher (e.g. --filter).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["fashion", .. var rest])
        {
            int Arg(int i, int fallback) => rest.Length > i ? int.Parse(rest[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
            int[] threads = rest.Length > 2 ? [.. rest[2].Split(',').Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture))] : [1, 2];
            return FashionComparison.Run(FindRepositoryRoot(), runs: Arg(0, 3), epochs: Arg(1, 2), threads, numpyThreads: Arg(3, 1));
        }

        if (args is ["scaling", .. var scalingArgs])
            return ScalingTable.Run(rounds: scalingArgs.Length > 0 ? int.Parse(scalingArgs[0], System.Globalization.CultureInfo.InvariantCulture) : 5);

        if (args is ["quality", .. var qualityArgs])
            return QualityBenchmark.Run(FindRepositoryRoot(), qualityArgs);

        if (args is ["load", .. var loadArgs])
            return LoadComparison.Run(loadArgs);

        if (args is not ["relu"])
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }

        if (SupportedWidths.Note is { } note)
            Console.WriteLine(note);
        DateTime started = DateTime.Now;
        Summary[] summaries = BenchmarkRunner.Run(
            [typeof(Relu5000x5000Double), typeof(Forms5000x5000Double), typeof(Relu64x256Float), typeof(Forms64x256Float)]);
        string root = FindRepositoryRoot();
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
