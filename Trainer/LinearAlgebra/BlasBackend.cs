using MathNet.Numerics;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Chooses the matrix product (<see cref="IGemm{T}"/>) the layers are built with: OpenBLAS through CBLAS when it
/// loads, else MathNet's managed provider. Call it once at startup, before a network is built, and print
/// <see cref="BlasStatus.Notice"/> (if any) and <see cref="BlasStatus.Describe"/>; <see cref="Gemm{T}"/> then gives
/// the chosen product to whatever builds layers. Nothing reads the choice during training: a layer keeps the
/// product it was built with. MathNet's own process-wide provider is not touched: the trainer runs no MathNet
/// operation that would use it.
/// </summary>
public static class BlasBackend
{
    /// <summary>Shown wherever OpenBLAS is missing: the runtime package is all it needs.</summary>
    public const string InstallHint = "install it with: apt-get install -y libopenblas0";

    /// <summary>
    /// How much slower the managed provider's products are than OpenBLAS's on the trainer's shapes
    /// (784→256→128→10, batch 64): 35–105× against the SkylakeX kernel and 23–62× against Haswell, measured
    /// on the 2-core EPYC this project runs on (see docs/openblas.md).
    /// </summary>
    internal const string ManagedSlowdown = "20–100×";

    private static readonly Lock Gate = new();

    private static Installed? _installed;

    /// <summary>
    /// Chooses the product for <paramref name="choice"/>.
    /// Calling it again with the same choice returns the same status and changes nothing.
    /// </summary>
    /// <exception cref="BlasUnavailableException"><see cref="BlasChoice.OpenBlas"/> and OpenBLAS cannot be used.</exception>
    public static BlasStatus Use(BlasChoice choice) => Use(choice, OpenBlasLibrary.DefaultFileNames);

    /// <summary><see cref="Use(BlasChoice)"/> with the OpenBLAS file names to try, so tests can name a missing one.</summary>
    internal static BlasStatus Use(BlasChoice choice, IReadOnlyList<string> openBlasFileNames)
    {
        lock (Gate)
        {
            if (_installed is { } last && last.Choice == choice && last.FileNames.SequenceEqual(openBlasFileNames))
            {
                return last.Status;
            }

            var (gemm, status) = choice switch
            {
                BlasChoice.Managed => InstallManaged(notice: null),
                BlasChoice.OpenBlas => TryInstallOpenBlas(openBlasFileNames, out var failure)
                    ?? throw new BlasUnavailableException($"OpenBLAS was requested but is unavailable ({failure}); {InstallHint}"),
                BlasChoice.Auto => TryInstallOpenBlas(openBlasFileNames, out var failure)
                    ?? InstallManaged(
                        $"BLAS: OpenBLAS unavailable ({failure}); using MathNet's managed provider, "
                        + $"products about {ManagedSlowdown} slower; {InstallHint}"),
                _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "not a BlasChoice"),
            };
            _installed = new Installed(choice, [.. openBlasFileNames], gemm, status);
            return status;
        }
    }

    /// <summary>The product chosen by the last <see cref="Use(BlasChoice)"/>, for building layers; MathNet's
    /// managed one before any choice (as in tests that build layers directly).</summary>
    public static IGemm<T> Gemm<T>() where T : struct
    {
        lock (Gate)
        {
            object gemm = _installed?.Gemm ?? ManagedGemm.Instance;
            return gemm as IGemm<T> ?? throw new NotSupportedException($"the matrix product exists for float and double, not {typeof(T).Name}");
        }
    }

    private static (object, BlasStatus) InstallManaged(string? notice)
    {
        return (ManagedGemm.Instance, new BlasStatus(BlasStatus.ManagedBackend, null, Control.MaxDegreeOfParallelism, notice));
    }

    /// <returns>The verified product and its status, or null with <paramref name="failure"/> saying why.</returns>
    private static (object, BlasStatus)? TryInstallOpenBlas(IReadOnlyList<string> fileNames, out string failure)
    {
        var library = OpenBlasStartup.TryLoad(fileNames, out failure);
        if (library is null)
        {
            return null;
        }

        OpenBlasGemm gemm;
        try
        {
            gemm = OpenBlasGemm.Verified(library);
        }
        catch (NotSupportedException e)
        {
            failure = e.Message;
            return null;
        }

        var kernel = library.CoreName;
        var threadsVariable = ThreadCountSelection.UserVariable(NativeEnvironment.Get);
        var status = new BlasStatus(BlasStatus.OpenBlasBackend, kernel, library.Threads, Notice: null)
        {
            Version = library.Version,
            KernelOrigin = OpenBlasStartup.DescribeKernelOrigin(kernel),
            KernelReplaced = OpenBlasStartup.KernelReplaced(),
            ThreadsOrigin = threadsVariable is null ? "set by NeuralNet" : $"from {threadsVariable}",
        };
        return (gemm, status);
    }

    // Gemm is an OpenBlasGemm or ManagedGemm: each is both IGemm<float> and IGemm<double>.
    private sealed record Installed(BlasChoice Choice, string[] FileNames, object Gemm, BlasStatus Status);
}
