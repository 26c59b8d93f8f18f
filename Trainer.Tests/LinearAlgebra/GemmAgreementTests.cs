using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>
/// The OpenBLAS product (<see cref="OpenBlasGemm"/>) against MathNet's managed one (<see cref="ManagedGemm"/>), the
/// two products <c>--blas</c> chooses between.
/// Sizes are (m, n, k): C is m×n, op(A) is m×k, op(B) is k×n.
/// </summary>
public class GemmAgreementTests
{
    private static readonly ManagedGemm Managed = ManagedGemm.Instance;

    private static OpenBlasGemm Native => OpenBlasForTests.Gemm;

    private static readonly int[][] Sizes =
    [
        [3, 5, 4],
        [1, 7, 6], // a row times a matrix
        [7, 1, 6], // a matrix times a column
        [1, 1, 1],
        [5, 6, 1], // an outer product
        [33, 17, 65], // odd sizes reach the kernels' edge loops
        [256, 64, 784], // the trainer's first layer, batch 64
        [0, 3, 4], // empty C
        [3, 0, 4],
        [3, 4, 0], // empty inner size: C = beta·C
        [0, 0, 0],
    ];

    private static readonly (double Alpha, double Beta)[] Scalings = [(1, 0), (1, 1), (-0.5, 0.25), (0, 2)];

    private static readonly Transpose[] Transposes = [Transpose.DontTranspose, Transpose.Transpose];

    public static IEnumerable<TestCaseData> UpdateCases() =>
        from size in Sizes
        from transposeA in Transposes
        from transposeB in Transposes
        from scaling in Scalings
        select new TestCaseData(transposeA, transposeB, size[0], size[1], size[2], scaling.Alpha, scaling.Beta);

    public static IEnumerable<TestCaseData> ProductCases() =>
        Sizes.Select(size => new TestCaseData(size[0], size[1], size[2]));

    [TestCaseSource(nameof(UpdateCases))]
    public void FloatUpdateAgrees(Transpose transposeA, Transpose transposeB, int m, int n, int k, double alpha, double beta) =>
        AssertUpdateAgrees<float>(transposeA, transposeB, m, n, k, alpha, beta);

    [TestCaseSource(nameof(UpdateCases))]
    public void DoubleUpdateAgrees(Transpose transposeA, Transpose transposeB, int m, int n, int k, double alpha, double beta) =>
        AssertUpdateAgrees<double>(transposeA, transposeB, m, n, k, alpha, beta);

    [TestCaseSource(nameof(ProductCases))]
    public void FloatProductAgrees(int m, int n, int k) => AssertProductAgrees<float>(m, n, k);

    [TestCaseSource(nameof(ProductCases))]
    public void DoubleProductAgrees(int m, int n, int k) => AssertProductAgrees<double>(m, n, k);

    [Test]
    public void ConjugateTransposeOfRealMatrixIsTranspose()
    {
        // A stored 4×3 and used as Aᵀ (3×4); B is 4×2.
        var a = TestArrays.Random<float>(12, seed: 1);
        var b = TestArrays.Random<float>(8, seed: 2);
        var expected = new float[6];
        var actual = new float[6];
        ((IGemm<float>)Managed).Multiply(Transpose.Transpose, Transpose.DontTranspose, 1f, a, 4, 3, b, 4, 2, 0f, expected);
        ((IGemm<float>)Native).Multiply(Transpose.ConjugateTranspose, Transpose.DontTranspose, 1f, a, 4, 3, b, 4, 2, 0f, actual);
        Assert.That(TestArrays.Widened(actual), Is.EqualTo(TestArrays.Widened(expected)).Within(TestArrays.Tolerance<float>(4)));
    }

    [Test]
    public void BetaZeroOverwritesNaNInResult()
    {
        // Both providers write C = A·B without reading C when beta is 0, so NaN left in C does not leak.
        var a = TestArrays.Random<double>(6, seed: 1);
        var b = TestArrays.Random<double>(6, seed: 2);
        var expected = Enumerable.Repeat(double.NaN, 4).ToArray();
        var actual = Enumerable.Repeat(double.NaN, 4).ToArray();
        ((IGemm<double>)Managed).Multiply(Transpose.DontTranspose, Transpose.DontTranspose, 1d, a, 2, 3, b, 3, 2, 0d, expected);
        ((IGemm<double>)Native).Multiply(Transpose.DontTranspose, Transpose.DontTranspose, 1d, a, 2, 3, b, 3, 2, 0d, actual);
        Assert.That(actual, Is.EqualTo(expected).Within(TestArrays.Tolerance<double>(3)));
        Assert.That(actual, Has.None.NaN);
    }

    private static void AssertUpdateAgrees<T>(Transpose transposeA, Transpose transposeB, int m, int n, int k, double alpha, double beta)
        where T : struct, IFloatingPoint<T>
    {
        var (rowsA, columnsA) = transposeA == Transpose.DontTranspose ? (m, k) : (k, m);
        var (rowsB, columnsB) = transposeB == Transpose.DontTranspose ? (k, n) : (n, k);
        var a = TestArrays.Random<T>(rowsA * columnsA, seed: 1);
        var b = TestArrays.Random<T>(rowsB * columnsB, seed: 2);
        var expected = TestArrays.Random<T>(m * n, seed: 3);
        var actual = (T[])expected.Clone();

        ((IGemm<T>)(object)Managed).Multiply(
            transposeA, transposeB, T.CreateChecked(alpha), a, rowsA, columnsA, b, rowsB, columnsB, T.CreateChecked(beta), expected);
        ((IGemm<T>)(object)Native).Multiply(
            transposeA, transposeB, T.CreateChecked(alpha), a, rowsA, columnsA, b, rowsB, columnsB, T.CreateChecked(beta), actual);

        Assert.That(TestArrays.Widened(actual), Is.EqualTo(TestArrays.Widened(expected)).Within(TestArrays.Tolerance<T>(k)));
    }

    private static void AssertProductAgrees<T>(int m, int n, int k)
        where T : struct, IFloatingPoint<T>
    {
        var x = TestArrays.Random<T>(m * k, seed: 1);
        var y = TestArrays.Random<T>(k * n, seed: 2);

        // Start from garbage: beta 0 overwrites the result.
        var expected = TestArrays.Random<T>(m * n, seed: 3);
        var actual = (T[])expected.Clone();
        ((IGemm<T>)(object)Managed).Multiply(Transpose.DontTranspose, Transpose.DontTranspose, T.One, x, m, k, y, k, n, T.Zero, expected);
        ((IGemm<T>)(object)Native).Multiply(Transpose.DontTranspose, Transpose.DontTranspose, T.One, x, m, k, y, k, n, T.Zero, actual);

        Assert.That(TestArrays.Widened(actual), Is.EqualTo(TestArrays.Widened(expected)).Within(TestArrays.Tolerance<T>(k)));
    }
}
