using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// The CBLAS arguments for <c>C = alpha·op(A)·op(B) + beta·C</c>, where op(A) is m×k, op(B) is k×n and C is m×n.
/// MathNet stores matrices column-major, so each array's leading dimension is its stored row count.
/// Building one runs the checks MathNet's managed provider runs, in its order and with its exception types,
/// so a bad call fails the same way on either product instead of reaching native code.
/// </summary>
internal readonly record struct GemmShape(int TransposeA, int TransposeB, int M, int N, int K, int Lda, int Ldb, int Ldc)
{
    // CBLAS_TRANSPOSE values. For real matrices CblasConjTrans means the same as CblasTrans.
    private const int CblasNoTrans = 111;
    private const int CblasTrans = 112;

    /// <summary>No work for BLAS: C is empty.</summary>
    public bool IsEmpty => M == 0 || N == 0;

    /// <summary>
    /// For <c>MatrixMultiplyWithUpdate</c>. rowsA×columnsA and rowsB×columnsB are the stored shapes, before
    /// <paramref name="transposeA"/> and <paramref name="transposeB"/> apply.
    /// </summary>
    public static GemmShape ForUpdate<T>(
        Transpose transposeA, Transpose transposeB, T[] a, int rowsA, int columnsA, T[] b, int rowsB, int columnsB, T[] c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        return Checked(transposeA, transposeB, a, rowsA, columnsA, b, rowsB, columnsB, c);
    }

    private static GemmShape Checked<T>(
        Transpose transposeA, Transpose transposeB, T[] a, int rowsA, int columnsA, T[] b, int rowsB, int columnsB, T[] c)
    {
        // MathNet does not check signs; native code must never see a negative size.
        ArgumentOutOfRangeException.ThrowIfNegative(rowsA);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsA);
        ArgumentOutOfRangeException.ThrowIfNegative(rowsB);
        ArgumentOutOfRangeException.ThrowIfNegative(columnsB);

        var transposedA = transposeA != Transpose.DontTranspose;
        var transposedB = transposeB != Transpose.DontTranspose;
        var (m, k) = transposedA ? (columnsA, rowsA) : (rowsA, columnsA);
        var (rowsOpB, n) = transposedB ? (columnsB, rowsB) : (rowsB, columnsB);

        if (k != rowsOpB)
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"columnsA ({k}) != rowsB ({rowsOpB})");
        }

        if (rowsA * columnsA != a.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"rowsA ({rowsA}) * columnsA ({columnsA}) != a.Length ({a.Length})");
        }

        if (rowsB * columnsB != b.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(b), $"rowsB ({rowsB}) * columnsB ({columnsB}) != b.Length ({b.Length})");
        }

        if (m * n != c.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(c), $"rowsA ({m}) * columnsB ({n}) != c.Length ({c.Length})");
        }

        // BLAS rejects a leading dimension below 1 even when the matrix is empty.
        return new GemmShape(
            transposedA ? CblasTrans : CblasNoTrans,
            transposedB ? CblasTrans : CblasNoTrans,
            m,
            n,
            k,
            Lda: Math.Max(1, rowsA),
            Ldb: Math.Max(1, rowsB),
            Ldc: Math.Max(1, m));
    }
}
