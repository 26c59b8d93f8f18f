using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>The product on MathNet's managed provider: no native code, about 20–100× slower than OpenBLAS on the
/// trainer's shapes, and what runs when OpenBLAS is missing or <c>--blas managed</c> asks for it.</summary>
public sealed class ManagedGemm : IGemm<float>, IGemm<double>
{
    public static ManagedGemm Instance { get; } = new();

    private ManagedGemm()
    {
    }

    public string Name => BlasStatus.ManagedBackend;

    public void Multiply(Transpose transposeA, Transpose transposeB, float alpha, float[] a, int rowsA, int columnsA,
        float[] b, int rowsB, int columnsB, float beta, float[] c) =>
        ManagedLinearAlgebraProvider.Instance.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);

    public void Multiply(Transpose transposeA, Transpose transposeB, double alpha, double[] a, int rowsA, int columnsA,
        double[] b, int rowsB, int columnsB, double beta, double[] c) =>
        ManagedLinearAlgebraProvider.Instance.MatrixMultiplyWithUpdate(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);
}
