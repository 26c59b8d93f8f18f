using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// The product on OpenBLAS's <c>cblas_sgemm</c> / <c>cblas_dgemm</c>. The layers run three of them, with
/// activations stored (features, batch): Z += W·X (beta 1 over the broadcast bias), dW += dZ·Xᵀ and db += dZ·1
/// (beta 1, accumulating), and dX = Wᵀ·dZ (beta 0).
/// </summary>
internal sealed class OpenBlasGemm : IGemm<float>, IGemm<double>
{
    private readonly OpenBlasLibrary _library;

    private OpenBlasGemm(OpenBlasLibrary library) => _library = library;

    public string Name => BlasStatus.OpenBlasBackend;

    /// <summary>The product on <paramref name="library"/>, once its kernel has been seen to multiply correctly:
    /// a kernel picked for the wrong CPU can give wrong numbers rather than fail.</summary>
    /// <exception cref="NotSupportedException">The kernel's product differs from the exact one.</exception>
    public static OpenBlasGemm Verified(OpenBlasLibrary library)
    {
        var gemm = new OpenBlasGemm(library);
        bool floatOk = ComputesExactProduct<float>(gemm);
        bool doubleOk = ComputesExactProduct<double>(gemm);
        if (!floatOk || !doubleOk)
        {
            throw new NotSupportedException(
                $"OpenBLAS kernel {library.CoreName} from {library.FileName} computed a wrong {(floatOk ? "double" : "float")} product");
        }

        return gemm;
    }

    public override string ToString() =>
        $"OpenBLAS {_library.Version} ({_library.CoreName} kernel, threads: {_library.Threads}, {_library.FileName})";

    public void Multiply(Transpose transposeA, Transpose transposeB, float alpha, float[] a, int rowsA, int columnsA,
        float[] b, int rowsB, int columnsB, float beta, float[] c) =>
        _library.Gemm(GemmShape.ForUpdate(transposeA, transposeB, a, rowsA, columnsA, b, rowsB, columnsB, c), alpha, a, b, beta, c);

    public void Multiply(Transpose transposeA, Transpose transposeB, double alpha, double[] a, int rowsA, int columnsA,
        double[] b, int rowsB, int columnsB, double beta, double[] c) =>
        _library.Gemm(GemmShape.ForUpdate(transposeA, transposeB, a, rowsA, columnsA, b, rowsB, columnsB, c), alpha, a, b, beta, c);

    /// <summary>
    /// Runs C (19×11) = A (19×23) · Bᵀ, B stored 11×23, into a C full of NaN (beta 0 must overwrite it).
    /// Odd sizes reach the kernel's edge loops; entries are multiples of 1/8 in [-1, 1], so every sum is
    /// exact and the check can demand equality.
    /// </summary>
    private static bool ComputesExactProduct<T>(IGemm<T> gemm)
        where T : struct, IFloatingPointIeee754<T>
    {
        const int M = 19, K = 23, N = 11;
        var a = Enumerable.Range(0, M * K).Select(i => T.CreateChecked(((i * 37) % 17 - 8) / 8.0)).ToArray();
        var b = Enumerable.Range(0, N * K).Select(i => T.CreateChecked(((i * 29) % 15 - 7) / 8.0)).ToArray();
        var c = Enumerable.Repeat(T.NaN, M * N).ToArray();
        gemm.Multiply(Transpose.DontTranspose, Transpose.Transpose, T.One, a, M, K, b, N, K, T.Zero, c);

        for (var j = 0; j < N; j++)
        {
            for (var i = 0; i < M; i++)
            {
                var expected = T.Zero;
                for (var p = 0; p < K; p++)
                {
                    expected += a[(p * M) + i] * b[(p * N) + j];
                }

                if (c[(j * M) + i] != expected)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
