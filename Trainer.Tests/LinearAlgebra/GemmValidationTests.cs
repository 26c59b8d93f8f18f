using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>Bad calls fail on the OpenBLAS product as they do on MathNet's managed one, before native code runs.</summary>
public class GemmValidationTests
{
    public delegate void Call(IGemm<float> gemm);

    public static IEnumerable<TestCaseData> BadUpdates()
    {
        var a = new float[6]; // 2×3
        var b = new float[12]; // 3×4
        var c = new float[8]; // 2×4
        var n = Transpose.DontTranspose;
        var t = Transpose.Transpose;
        yield return Case("null a", p => p.Multiply(n, n, 1f, null!, 2, 3, b, 3, 4, 0f, c));
        yield return Case("null b", p => p.Multiply(n, n, 1f, a, 2, 3, null!, 3, 4, 0f, c));
        yield return Case("null c", p => p.Multiply(n, n, 1f, a, 2, 3, b, 3, 4, 0f, null!));
        yield return Case("inner sizes differ", p => p.Multiply(n, n, 1f, a, 3, 2, b, 3, 4, 0f, c));
        yield return Case("inner sizes differ once A is transposed", p => p.Multiply(t, n, 1f, a, 2, 3, b, 3, 4, 0f, c));
        yield return Case("a too short", p => p.Multiply(n, n, 1f, new float[5], 2, 3, b, 3, 4, 0f, c));
        yield return Case("b too long", p => p.Multiply(n, n, 1f, a, 2, 3, new float[13], 3, 4, 0f, c));
        yield return Case("c the wrong size", p => p.Multiply(n, n, 1f, a, 2, 3, b, 3, 4, 0f, new float[9]));
        yield return Case("c sized for untransposed B", p => p.Multiply(n, t, 1f, a, 2, 3, new float[12], 4, 3, 0f, new float[6]));
    }

    [TestCaseSource(nameof(BadUpdates))]
    public void FailsLikeManaged(Call call)
    {
        var expected = Assert.Catch(() => call(ManagedGemm.Instance));
        var actual = Assert.Catch(() => call(OpenBlasForTests.Gemm));

        Assert.That(actual, Is.TypeOf(expected.GetType()));
        if (expected is ArgumentNullException missing)
        {
            Assert.That(((ArgumentNullException)actual).ParamName, Is.EqualTo(missing.ParamName));
        }
    }

    private static TestCaseData Case(string name, Call call) => new TestCaseData(call).SetName(name);
}
