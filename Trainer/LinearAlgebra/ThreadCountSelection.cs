using System.Globalization;

namespace NeuralNet.LinearAlgebra;

/// <summary>Picks how many threads OpenBLAS runs products on.</summary>
internal static class ThreadCountSelection
{
    /// <summary>Variables OpenBLAS reads its thread count from, in the order it honours them.</summary>
    public static readonly IReadOnlyList<string> VariableNames = ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"];

    /// <summary>Threads for the trainer's products when the user set none.</summary>
    /// <remarks>
    /// Measured on the 2-core EPYC (AVX-512) this project runs on, OpenBLAS 0.3.21, SkylakeX kernel, float,
    /// medians of 9 timings in each of 5 interleaved runs; ratio of GFLOP/s, 1 thread ÷ 2 threads (&gt; 1: one is faster):
    /// 256×784·784×64 1.7, 256×64·(784×64)ᵀ 1.8, (256×784)ᵀ·256×64 3.2, 128×256·256×64 5.8, 128×64·(256×64)ᵀ 5.8,
    /// (128×256)ᵀ·128×64 1.7, the 10×128 layer 0.8–1.0 (OpenBLAS runs products that small on one thread anyway),
    /// 1024×1024·1024×1024 1.2. A second series of 6 runs, with other builds loading the machine to 8–9, gave
    /// 1.7–45 on the 256- and 128-row products and 0.8 on 1024³: two threads win only on big products on an
    /// idle machine, and collapse whenever the other core is busy.
    /// </remarks>
    public const int FastestForSmallProducts = 1;

    /// <summary>
    /// The thread count to set, or null when a user's variable already gives one (OpenBLAS applies it itself).
    /// </summary>
    /// <param name="getVariable">Reads an environment variable as native code sees it.</param>
    public static int? ThreadsToSet(Func<string, string?> getVariable) =>
        UserVariable(getVariable) is null ? FastestForSmallProducts : null;

    /// <summary>The first variable that holds a positive whole number, as OpenBLAS would take it; null if none.</summary>
    public static string? UserVariable(Func<string, string?> getVariable) =>
        VariableNames.FirstOrDefault(name => int.TryParse(getVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var threads) && threads > 0);
}
