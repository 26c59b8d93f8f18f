using MathNet.Numerics;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Installs the MathNet linear-algebra provider the trainer's products run on: OpenBLAS through CBLAS when it
/// loads, else MathNet's managed provider. MathNet's provider is process-wide, so call this once at startup,
/// before the first product, and print <see cref="BlasStatus.Notice"/> (if any) and <see cref="BlasStatus.Describe"/>.
/// </summary>
public static class BlasBackend
{
    /// <summary>Shown wherever OpenBLAS is missing: the runtime package is all it needs.</summary>
    public const string InstallHint = "install it with: apt-get install -y libopenblas0";

    /// <summary>
    /// How much slower the managed provider's products are than OpenBLAS's on the trainer's shapes
    /// (784→256→128→10, batch 64): 35–105× against the SkylakeX kernel and 23–62× against Haswell, measured
    /// on the 2-core EPYC this project runs on (see the README).
    /// </summary>
    internal const string ManagedSlowdown = "20–100×";

    private static readonly Lock Gate = new();

    private static Installed? _installed;

    /// <summary>
    /// Installs the provider for <paramref name="choice"/> into <c>LinearAlgebraControl.Provider</c>.
    /// Calling it again with the same choice returns the same status and changes nothing.
    /// </summary>
    /// <exception cref="BlasUnavailableException"><see cref="BlasChoice.OpenBlas"/> and OpenBLAS cannot be used.</exception>
    public static BlasStatus Use(BlasChoice choice) => Use(choice, OpenBlasLibrary.DefaultFileNames);

    /// <summary><see cref="Use(BlasChoice)"/> with the OpenBLAS file names to try, so tests can name a missing one.</summary>
    internal static BlasStatus Use(BlasChoice choice, IReadOnlyList<string> openBlasFileNames)
    {
        lock (Gate)
        {
            if (_installed is { } last && last.Choice == choice && last.FileNames.SequenceEqual(openBlasFileNames)
                && ReferenceEquals(LinearAlgebraControl.Provider, last.Provider))
            {
                return last.Status;
            }

            var (provider, status) = choice switch
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
            _installed = new Installed(choice, [.. openBlasFileNames], provider, status);
            return status;
        }
    }

    private static (ILinearAlgebraProvider, BlasStatus) InstallManaged(string? notice)
    {
        ILinearAlgebraProvider provider = ManagedLinearAlgebraProvider.Instance;
        LinearAlgebraControl.Provider = provider;
        return (provider, new BlasStatus(BlasStatus.ManagedBackend, null, Control.MaxDegreeOfParallelism, notice));
    }

    /// <returns>The installed provider and its status, or null with <paramref name="failure"/> saying why.</returns>
    private static (ILinearAlgebraProvider, BlasStatus)? TryInstallOpenBlas(IReadOnlyList<string> fileNames, out string failure)
    {
        var library = OpenBlasStartup.TryLoad(fileNames, out failure);
        if (library is null)
        {
            return null;
        }

        var provider = new OpenBlasLinearAlgebraProvider(library);
        try
        {
            // MathNet's setter runs InitializeVerify, which checks the kernel's products.
            LinearAlgebraControl.Provider = provider;
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
            ThreadsOrigin = threadsVariable is null ? "set by NeuralNet" : $"from {threadsVariable}",
        };
        return (provider, status);
    }

    private sealed record Installed(BlasChoice Choice, string[] FileNames, ILinearAlgebraProvider Provider, BlasStatus Status);
}
