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
        Assert.That(CoreTypeSelection.DescribeOrigin("Haswell", null, "Haswell"), Is.EqualTo("from OPENBLAS_CORETYPE=Haswell"));

    [Test]
    public void OriginSaysNeuralNetSetIt() =>
        Assert.That(
            CoreTypeSelection.DescribeOrigin(null, "SkylakeX", "SkylakeX"),
            Is.EqualTo("set by NeuralNet: OPENBLAS_CORETYPE was unset"));

    [Test]
    public void OriginSaysOpenBlasChoseIt() =>
        Assert.That(CoreTypeSelection.DescribeOrigin(null, null, "Prescott"), Does.StartWith("chosen by OpenBLAS"));

    [Test]
    public void OriginFlagsAKernelOtherThanTheOneSet() =>
        Assert.That(CoreTypeSelection.DescribeOrigin(null, "SkylakeX", "Prescott"), Does.Contain("OpenBLAS chose Prescott"));
}
