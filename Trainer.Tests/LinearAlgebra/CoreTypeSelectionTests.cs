using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

public class CoreTypeSelectionTests
{
    private static readonly CpuIsa Avx512 = new(Avx512F: true, Avx512BW: true, Avx512DQ: true, Avx512VL: true, Avx2: true, Fma: true);
    private static readonly CpuIsa Avx2Only = Avx512 with { Avx512F = false, Avx512BW = false, Avx512DQ = false, Avx512VL = false };
    private static readonly CpuIsa Sse = Avx2Only with { Avx2 = false, Fma = false };

    [Test]
    public void Avx512CpuGetsSkylakeX() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(null, Avx512), Is.EqualTo("SkylakeX"));

    [Test]
    public void Avx2CpuGetsHaswell() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(null, Avx2Only), Is.EqualTo("Haswell"));

    [Test]
    public void PartialAvx512FallsBackToHaswell() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(null, Avx512 with { Avx512BW = false }), Is.EqualTo("Haswell"));

    [Test]
    public void Avx2WithoutFmaIsLeftToOpenBlas() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(null, Avx2Only with { Fma = false }), Is.Null);

    [Test]
    public void OlderCpuIsLeftToOpenBlas() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(null, Sse), Is.Null);

    [TestCase("Haswell")]
    [TestCase("Prescott")]
    [TestCase("skylakex")]
    public void UsersValueIsNeverOverridden(string userValue) =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(userValue, Avx512), Is.Null);

    [TestCase("")]
    [TestCase("  ")]
    public void BlankValueCountsAsUnset(string blank) =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(blank, Avx512), Is.EqualTo("SkylakeX"));

    [Test]
    public void OriginNamesTheUsersValue() =>
        Assert.That(CoreTypeSelection.DescribeOrigin("Haswell", null, "Haswell", Avx512), Is.EqualTo("from OPENBLAS_CORETYPE=Haswell"));

    [Test]
    public void OriginSaysNeuralNetSetIt() =>
        Assert.That(
            CoreTypeSelection.DescribeOrigin(null, "SkylakeX", "SkylakeX", Avx512),
            Is.EqualTo("set by NeuralNet: OPENBLAS_CORETYPE was unset"));

    [Test]
    public void OriginSaysOpenBlasChoseIt() =>
        Assert.That(CoreTypeSelection.DescribeOrigin(null, null, "Prescott", Avx512), Does.StartWith("chosen by OpenBLAS"));

    [Test]
    public void OriginFlagsAKernelOtherThanTheOneSet() =>
        Assert.That(CoreTypeSelection.DescribeOrigin(null, "SkylakeX", "Prescott", Avx512), Does.Contain("OpenBLAS chose Prescott"));
}

/// <summary>A kernel forced through OPENBLAS_CORETYPE that the CPU cannot run would die of SIGILL: it is replaced by
/// the best kernel the (injected) CPU runs, and the startup line says so.</summary>
public class ForcedCoreTypeTests
{
    private static readonly CpuIsa Avx512 = new(Avx512F: true, Avx512BW: true, Avx512DQ: true, Avx512VL: true, Avx2: true, Fma: true, Avx: true);
    private static readonly CpuIsa Avx2Only = Avx512 with { Avx512F = false, Avx512BW = false, Avx512DQ = false, Avx512VL = false };
    private static readonly CpuIsa AvxOnly = Avx2Only with { Avx2 = false, Fma = false };
    private static readonly CpuIsa Sse = AvxOnly with { Avx = false };

    [TestCase("SkylakeX", "Haswell")]
    [TestCase("skylakex", "Haswell")]
    [TestCase("Cooperlake", "Haswell")]
    [TestCase("SapphireRapids", "Haswell")]
    public void AnAvx512KernelOnAnAvx2CpuBecomesHaswell(string forced, string expected) =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(forced, Avx2Only), Is.EqualTo(expected));

    [Test]
    public void ABf16KernelOnAvx512WithoutBf16BecomesSkylakeX() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet("Cooperlake", Avx512), Is.EqualTo("SkylakeX"));

    [Test]
    public void ABf16KernelOnACpuWithBf16IsKept() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet("SapphireRapids", Avx512 with { Avx512Bf16 = true }), Is.Null);

    [TestCase("Haswell", "Sandybridge")]
    [TestCase("Zen", "Sandybridge")]
    [TestCase("Excavator", "Sandybridge")]
    public void AnAvx2KernelOnAnAvxCpuBecomesSandybridge(string forced, string expected) =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(forced, AvxOnly), Is.EqualTo(expected));

    [TestCase("SkylakeX")]
    [TestCase("Sandybridge")]
    public void AnyAvxKernelOnAnSseCpuBecomesNehalem(string forced) =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(forced, Sse), Is.EqualTo("Nehalem"));

    [TestCase("Prescott")]
    [TestCase("Nehalem")]
    [TestCase("core2")]
    public void KernelsEveryCpuRunsAreLeftAlone(string forced) =>
        Assert.That(CoreTypeSelection.CoreTypeToSet(forced, Sse), Is.Null);

    [TestCase("garbage", "SkylakeX")]
    [TestCase("SomethingNew", "SkylakeX")]
    public void AnUnknownNameIsReplacedByTheBestKernel(string forced, string expected)
    {
        // OpenBLAS would ignore it and choose from its CPU table (Cooperlake here, Prescott on CPUs newer than it),
        // while the startup line claimed the user's value.
        Assert.That(CoreTypeSelection.CoreTypeToSet(forced, Avx512), Is.EqualTo(expected));
        Assert.That(CoreTypeSelection.DescribeOrigin(forced, expected, expected, Avx512),
            Is.EqualTo($"OPENBLAS_CORETYPE={forced} is not a kernel OpenBLAS knows; NeuralNet set {expected}, the best kernel this CPU can run"));
    }

    [Test]
    public void OffX86AnUnknownNameIsLeftAlone() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet("NEOVERSEN1", Sse with { X86 = false }), Is.Null);

    [Test]
    public void OffX86TheNamesMeanNothingAndAreLeftAlone() =>
        Assert.That(CoreTypeSelection.CoreTypeToSet("SkylakeX", Sse with { X86 = false }), Is.Null);

    [Test]
    public void TheStartupLineSaysWhatWasReplacedAndWhy() =>
        Assert.That(CoreTypeSelection.DescribeOrigin("SkylakeX", "Haswell", "Haswell", Avx2Only),
            Is.EqualTo("OPENBLAS_CORETYPE=SkylakeX needs AVX-512 (F, BW, DQ, VL), which this CPU lacks; NeuralNet set Haswell, the best kernel it can run"));
}
