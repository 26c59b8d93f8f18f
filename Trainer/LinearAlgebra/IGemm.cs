using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// The matrix product the layers run: C = alpha·op(A)·op(B) + beta·C on MathNet's column-major arrays, op being
/// the identity or the transpose. It is handed to a layer when the network is built (see
/// NeuralNet.Layers.LayerContext), so no layer reaches for a process-wide provider on its hot path.
/// </summary>
public interface IGemm<T> where T : struct
{
    /// <summary>The backend's name for messages and tests: "openblas" or "managed".</summary>
    string Name { get; }

    /// <summary>C = alpha·op(A)·op(B) + beta·C. rowsA×columnsA and rowsB×columnsB are the stored shapes, before the
    /// transposes apply; C is op(A)'s rows × op(B)'s columns. Beta 0 overwrites C (NaN in C does not leak).</summary>
    void Multiply(Transpose transposeA, Transpose transposeB, T alpha, T[] a, int rowsA, int columnsA,
        T[] b, int rowsB, int columnsB, T beta, T[] c);
}
