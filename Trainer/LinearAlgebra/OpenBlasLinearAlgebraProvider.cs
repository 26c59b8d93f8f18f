using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// A MathNet provider whose float and double matrix products run on OpenBLAS's <c>cblas_sgemm</c> and
/// <c>cblas_dgemm</c>. Every other member (element-wise work, factorizations, complex types) is forwarded
/// to MathNet's managed provider, in the partial files beside this one.
/// </summary>
/// <remarks>
/// The products the trainer runs, with activations stored (features, batch):
/// forward Z = W·X is <c>Matrix.Multiply</c> → <see cref="MatrixMultiply(float[], int, int, float[], int, int, float[])"/>;
/// dW += dZ·Xᵀ and dX = Wᵀ·dZ are <see cref="MatrixMultiplyWithUpdate(Transpose, Transpose, float, float[], int, int, float[], int, int, float, float[])"/>
/// with (DontTranspose, Transpose, beta 1) and (Transpose, DontTranspose, beta 0).
/// </remarks>
internal sealed partial class OpenBlasLinearAlgebraProvider : ILinearAlgebraProvider
{
    private static readonly ManagedLinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;

    private readonly OpenBlasLibrary _library;

    public OpenBlasLinearAlgebraProvider(OpenBlasLibrary library) => _library = library;

    /// <summary>Always true: an instance exists only for a library that loaded with every function it needs.</summary>
    public bool IsAvailable() => true;

    /// <summary>
    /// Called by MathNet when the provider is installed. Checks that the loaded kernel multiplies correctly,
    /// since a kernel picked for the wrong CPU can give wrong numbers rather than fail.
    /// </summary>
    /// <exception cref="NotSupportedException">The kernel's product differs from the exact one.</exception>
    public void InitializeVerify()
    {
        var floatOk = ComputesExactProduct<float>((shape, a, b, c) => _library.Gemm(shape, 1f, a, b, 0f, c));
        var doubleOk = ComputesExactProduct<double>((shape, a, b, c) => _library.Gemm(shape, 1d, a, b, 0d, c));
        if (!floatOk || !doubleOk)
        {
            throw new NotSupportedException(
                $"OpenBLAS kernel {_library.CoreName} from {_library.FileName} computed a wrong {(floatOk ? "double" : "float")} product");
        }
    }

    /// <summary>
    /// Nothing native is freed: OpenBLAS keeps its thread pool and buffers until the process ends, and unloading
    /// it under running threads is unsafe. The managed side's resources are released as usual.
    /// </summary>
    public void FreeResources() => Managed.FreeResources();

    public override string ToString() =>
        $"OpenBLAS {_library.Version} ({_library.CoreName} kernel, threads: {_library.Threads}, {_library.FileName})";

    public void MatrixMultiply(float[] x, int rowsX, int columnsX, float[] y, int rowsY, int columnsY, float[] result) =>
        _library.Gemm(GemmShape.ForProduct(x, rowsX, columnsX, y, rowsY, columnsY, result), 1f, x, y, 0f, result);

    public void MatrixMultiply(double[] x, int rowsX, int columnsX, double[] y, int rowsY, int columnsY, double[] result) =>
        _library.Gemm(GemmShape.ForProduct(x, rowsX, columnsX, y, rowsY, columnsY, result), 1d, x, y, 0d, result);

    public void MatrixMultiplyWithUpdate(
        Transpose transposeA, Transpose transposeB, float alpha, float[] a, int rowsA, int columnsA,
        float[] b, int rowsB, int columnsB, float beta, float[] c) =>
        _library.Gemm(GemmShape.ForUpdate(transposeA, transposeB, a, rowsA, columnsA, b, rowsB, columnsB, c), alpha, a, b, beta, c);

    public void MatrixMultiplyWithUpdate(
        Transpose transposeA, Transpose transposeB, double alpha, double[] a, int rowsA, int columnsA,
        double[] b, int rowsB, int columnsB, double beta, double[] c) =>
        _library.Gemm(GemmShape.ForUpdate(transposeA, transposeB, a, rowsA, columnsA, b, rowsB, columnsB, c), alpha, a, b, beta, c);

    /// <summary>
    /// Runs C (19×11) = A (19×23) · Bᵀ, B stored 11×23, into a C full of NaN (beta 0 must overwrite it).
    /// Odd sizes reach the kernel's edge loops; entries are multiples of 1/8 in [-1, 1], so every sum is
    /// exact and the check can demand equality.
    /// </summary>
    private static bool ComputesExactProduct<T>(Action<GemmShape, T[], T[], T[]> gemm)
        where T : IFloatingPointIeee754<T>
    {
        const int M = 19, K = 23, N = 11;
        var a = Enumerable.Range(0, M * K).Select(i => T.CreateChecked(((i * 37) % 17 - 8) / 8.0)).ToArray();
        var b = Enumerable.Range(0, N * K).Select(i => T.CreateChecked(((i * 29) % 15 - 7) / 8.0)).ToArray();
        var c = Enumerable.Repeat(T.NaN, M * N).ToArray();
        gemm(GemmShape.ForUpdate(Transpose.DontTranspose, Transpose.Transpose, a, M, K, b, N, K, c), a, b, c);

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
