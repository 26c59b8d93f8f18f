using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- relu</c> runs the ReLU table, then relu_numpy.py,
/// then prints the compact results table. Any other arguments go to BenchmarkDotNet's switcher (e.g. --filter).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is not ["relu"])
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }

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
    private static string FindRepositoryRoot()
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
