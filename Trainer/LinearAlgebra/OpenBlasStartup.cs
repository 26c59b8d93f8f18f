namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Loads OpenBLAS the way the product needs it: <c>OPENBLAS_CORETYPE</c> chosen before the first load, and the
/// thread count set unless the user gave one.
/// </summary>
internal static class OpenBlasStartup
{
    private static readonly Lock Gate = new();

    private static CoreTypeChoice? _coreType;

    /// <returns>The library, or null with <paramref name="failure"/> saying why (one line).</returns>
    public static OpenBlasLibrary? TryLoad(IReadOnlyList<string> fileNames, out string failure)
    {
        lock (Gate)
        {
            // OpenBLAS reads OPENBLAS_CORETYPE once, when it first loads: decide before any load, once per process.
            _coreType ??= CoreTypeChoice.Apply();
            var library = OpenBlasLibrary.TryLoad(fileNames, out failure);
            if (library is not null && ThreadCountSelection.ThreadsToSet(NativeEnvironment.Get) is { } threads)
            {
                library.Threads = threads;
            }

            return library;
        }
    }

    /// <summary>Why OpenBLAS runs <paramref name="kernelInUse"/>, for the startup line.</summary>
    public static string DescribeKernelOrigin(string kernelInUse)
    {
        lock (Gate)
        {
            return CoreTypeSelection.DescribeOrigin(_coreType?.UserValue, _coreType?.ValueSet, kernelInUse, CpuIsa.Current);
        }
    }

    /// <summary>Whether the user's <c>OPENBLAS_CORETYPE</c> was replaced by another kernel before OpenBLAS loaded.</summary>
    public static bool KernelReplaced()
    {
        lock (Gate)
        {
            return _coreType is { ValueSet: not null } choice && !string.IsNullOrWhiteSpace(choice.UserValue);
        }
    }

    /// <summary>What the user had in <c>OPENBLAS_CORETYPE</c> and what, if anything, NeuralNet set it to.</summary>
    private sealed record CoreTypeChoice(string? UserValue, string? ValueSet)
    {
        public static CoreTypeChoice Apply()
        {
            var userValue = NativeEnvironment.Get(CoreTypeSelection.VariableName);
            var valueSet = CoreTypeSelection.CoreTypeToSet(userValue, CpuIsa.Current);
            if (valueSet is not null)
            {
                NativeEnvironment.Set(CoreTypeSelection.VariableName, valueSet);
            }

            return new CoreTypeChoice(userValue, valueSet);
        }
    }
}
