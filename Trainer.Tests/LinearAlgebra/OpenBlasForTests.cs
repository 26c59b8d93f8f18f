using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>
/// The system OpenBLAS for tests that need it. CI installs <c>libopenblas0</c>; where it is missing these tests
/// fail and say how to install it, rather than pass without having run.
/// </summary>
internal static class OpenBlasForTests
{
    private static readonly Lazy<(OpenBlasLibrary? Library, string Failure)> Loaded = new(() =>
    {
        var library = OpenBlasStartup.TryLoad(OpenBlasLibrary.DefaultFileNames, out var failure);
        return (library, failure);
    });

    public static OpenBlasLibrary Library
    {
        get
        {
            var (library, failure) = Loaded.Value;
            if (library is null)
            {
                Assert.Fail($"This test needs the system OpenBLAS, which is unavailable ({failure}); {BlasBackend.InstallHint}");
            }

            return library!;
        }
    }

    /// <summary>The OpenBLAS product, verified as <see cref="BlasBackend"/> verifies it.</summary>
    public static OpenBlasGemm Gemm => OpenBlasGemm.Verified(Library);
}
