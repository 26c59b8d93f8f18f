using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

public class BlasBackendTests
{
    private static readonly string[] MissingLibrary = ["libneuralnet-no-such-blas.so.0"];

    // Loads, but is no BLAS.
    private static readonly string[] LibraryWithoutCblas = ["libc.so.6"];

    [Test]
    public void OpenBlasIsInstalledAndReported()
    {
        _ = OpenBlasForTests.Library; // fails with an install hint where libopenblas0 is missing

        var status = BlasBackend.Use(BlasChoice.OpenBlas);

        Assert.Multiple(() =>
        {
            Assert.That(BlasBackend.Gemm<float>(), Is.TypeOf<OpenBlasGemm>());
            Assert.That(BlasBackend.Gemm<double>(), Is.TypeOf<OpenBlasGemm>());
            Assert.That(status.Backend, Is.EqualTo("openblas"));
            Assert.That(status.Version, Does.Match(@"^\d+\.\d+\.\d+"));
            Assert.That(status.CpuKernel, Is.EqualTo(OpenBlasForTests.Library.CoreName));
            Assert.That(status.Threads, Is.EqualTo(OpenBlasForTests.Library.Threads).And.GreaterThan(0));
            Assert.That(status.Notice, Is.Null);
            Assert.That(status.Describe(), Does.StartWith($"BLAS: openblas {status.Version}, kernel {status.CpuKernel} ("));
        });
    }

    [Test]
    public void KernelIsTheOneOpenblasCoretypeNames()
    {
        _ = BlasBackend.Use(BlasChoice.OpenBlas);

        // Either the user's value or the one NeuralNet set before OpenBLAS loaded; null only on a CPU with
        // neither AVX-512 nor AVX2, where OpenBLAS picks for itself.
        var coreType = NativeEnvironment.Get("OPENBLAS_CORETYPE");
        if (coreType is null)
        {
            Assert.That(CoreTypeSelection.CoreTypeToSet(null, CpuIsa.Current), Is.Null);
        }
        else
        {
            Assert.That(OpenBlasForTests.Library.CoreName, Is.EqualTo(coreType).IgnoreCase);
        }
    }

    [Test]
    public void ThreadCountIsTheUsersOrTheMeasuredOne()
    {
        var status = BlasBackend.Use(BlasChoice.OpenBlas);

        var userVariable = ThreadCountSelection.UserVariable(NativeEnvironment.Get);
        if (userVariable is null)
        {
            Assert.That(status.Threads, Is.EqualTo(ThreadCountSelection.FastestForSmallProducts));
        }
        else
        {
            Assert.That(status.ThreadsOrigin, Is.EqualTo($"from {userVariable}"));
        }
    }

    [Test]
    public void SameChoiceTwiceChangesNothing()
    {
        var first = BlasBackend.Use(BlasChoice.OpenBlas);
        var gemm = BlasBackend.Gemm<float>();

        var second = BlasBackend.Use(BlasChoice.OpenBlas);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first));
            Assert.That(BlasBackend.Gemm<float>(), Is.SameAs(gemm));
        });
    }

    [Test]
    public void ManagedIsMathNetsManagedProduct()
    {
        var status = BlasBackend.Use(BlasChoice.Managed);

        Assert.Multiple(() =>
        {
            Assert.That(BlasBackend.Gemm<float>(), Is.SameAs(ManagedGemm.Instance));
            Assert.That(status.Backend, Is.EqualTo("managed"));
            Assert.That(status.CpuKernel, Is.Null);
            Assert.That(status.Notice, Is.Null);
            Assert.That(status.Describe(), Does.StartWith("BLAS: managed"));
        });
    }

    [Test]
    public void AutoFallsBackToManagedWithOneLineNotice()
    {
        var status = BlasBackend.Use(BlasChoice.Auto, MissingLibrary);

        Assert.Multiple(() =>
        {
            Assert.That(BlasBackend.Gemm<float>(), Is.SameAs(ManagedGemm.Instance));
            Assert.That(status.Backend, Is.EqualTo("managed"));
            Assert.That(status.Notice, Does.Contain(MissingLibrary[0]));
            Assert.That(status.Notice, Does.Contain("apt-get install -y libopenblas0"));
            Assert.That(status.Notice, Does.Not.Contain('\n'));
        });
    }

    [Test]
    public void AutoFallsBackWhenTheLibraryIsNoBlas()
    {
        var status = BlasBackend.Use(BlasChoice.Auto, LibraryWithoutCblas);

        Assert.Multiple(() =>
        {
            Assert.That(status.Backend, Is.EqualTo("managed"));
            Assert.That(status.Notice, Does.Contain("libc.so.6 has no cblas_sgemm"));
        });
    }

    [Test]
    public void ForcedOpenBlasThrowsWhenItCannotLoad()
    {
        var before = BlasBackend.Gemm<float>();

        var error = Assert.Throws<BlasUnavailableException>(() => BlasBackend.Use(BlasChoice.OpenBlas, MissingLibrary));

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain(MissingLibrary[0]));
            Assert.That(error.Message, Does.Contain("apt-get install -y libopenblas0"));
            Assert.That(error.Message, Does.Not.Contain('\n'));
            Assert.That(BlasBackend.Gemm<float>(), Is.SameAs(before));
        });
    }
}
