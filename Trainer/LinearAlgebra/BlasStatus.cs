namespace NeuralNet.LinearAlgebra;

/// <summary>
/// What <see cref="BlasBackend.Use(BlasChoice)"/> installed.
/// </summary>
/// <param name="Backend"><c>"openblas"</c> or <c>"managed"</c>.</param>
/// <param name="CpuKernel">OpenBLAS's <c>openblas_get_corename()</c>, e.g. <c>SkylakeX</c>; null for managed.</param>
/// <param name="Threads">Threads the products run on: OpenBLAS's thread count, or MathNet's
/// <c>Control.MaxDegreeOfParallelism</c> for managed.</param>
/// <param name="Notice">The one line to print when <see cref="BlasChoice.Auto"/> fell back to managed
/// (what failed and how to install OpenBLAS); otherwise null.</param>
public sealed record BlasStatus(string Backend, string? CpuKernel, int Threads, string? Notice)
{
    public const string OpenBlasBackend = "openblas";
    public const string ManagedBackend = "managed";

    /// <summary>OpenBLAS's version, e.g. <c>0.3.21</c>; null for managed.</summary>
    public string? Version { get; init; }

    /// <summary>Why this kernel, e.g. "set by NeuralNet: OPENBLAS_CORETYPE was unset"; null for managed.</summary>
    public string? KernelOrigin { get; init; }

    /// <summary>True when the user's <c>OPENBLAS_CORETYPE</c> named a kernel this CPU cannot run (or one OpenBLAS does
    /// not know) and another was set in its place (<see cref="KernelOrigin"/> says which and why): worth a line even
    /// where the startup line is not printed (predict, evaluate, train --quiet).</summary>
    public bool KernelReplaced { get; init; }

    /// <summary>Where the thread count came from, e.g. "from OPENBLAS_NUM_THREADS"; null when not worth saying.</summary>
    public string? ThreadsOrigin { get; init; }

    /// <summary>
    /// The startup line, e.g.
    /// <c>BLAS: openblas 0.3.21, kernel SkylakeX (set by NeuralNet: OPENBLAS_CORETYPE was unset), 1 thread (set by NeuralNet)</c>.
    /// Print <see cref="Notice"/> before it when there is one.
    /// </summary>
    public string Describe()
    {
        var threads = Threads == 1 ? "1 thread" : $"{Threads} threads";
        if (ThreadsOrigin is not null)
        {
            threads += $" ({ThreadsOrigin})";
        }

        if (Backend != OpenBlasBackend)
        {
            return $"BLAS: {Backend} (MathNet's managed provider), {threads}";
        }

        var version = Version is null ? "" : $" {Version}";
        var origin = KernelOrigin is null ? "" : $" ({KernelOrigin})";
        return $"BLAS: {Backend}{version}, kernel {CpuKernel ?? "unknown"}{origin}, {threads}";
    }
}
