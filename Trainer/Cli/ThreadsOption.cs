using System.CommandLine;
using NeuralNet.LinearAlgebra;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary><c>--threads N</c>: the workers that training, validation, predict and evaluate split their batches
/// across, and that --cv spreads its folds over, one fold per worker (see <see cref="WorkerPool"/>); each runs its
/// products on one OpenBLAS thread.</summary>
internal static class ThreadsOption
{
    /// <summary>More workers than this is a typo, not a machine.</summary>
    public const int Maximum = 1024;

    /// <param name="train">For train, whose --cv folds run on the workers too: its help says so.</param>
    public static Option<int?> Create(bool train = false) => OptionRules.OptionalWhole(new Option<int?>("--threads")
    {
        Description = $"Worker threads that split each batch{(train ? ", or run the --cv folds, one fold each" : "")} (each runs single-threaded BLAS) [default: the cores this process may use, from its CPU affinity and cgroup quota]",
        HelpName = "N",
    }, 1, Maximum);

    /// <summary>The workers to run: the option's value, else every core this process may use.</summary>
    public static int Resolve(int? threads) => threads ?? WorkerPool.AvailableCores;

    /// <summary>"2 workers (the cores this process may use)", for the end of the BLAS line.</summary>
    public static string Describe(int? threads)
    {
        int workers = Resolve(threads);
        return $"{workers} worker{(workers == 1 ? "" : "s")} ({(threads is null ? "the cores this process may use" : "--threads")})";
    }

    /// <summary>The workers and the product their replica networks run, for a command's lifetime.</summary>
    public static Parallelism For(WorkerPool workers, int seed = 0) => new(workers, BlasBackend.Gemm<float>(), seed);
}
