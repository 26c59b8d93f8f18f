using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>
/// A layer's output (or gradient) buffer, one matrix per batch size. An epoch's last batch is usually smaller and
/// evaluation uses another size, so a single slot would reallocate on every switch; keeping one matrix per batch
/// size makes the steady-state training step allocation-free.
/// </summary>
public sealed class BatchBuffers<T>(int rows) where T : struct, IFloatingPointIeee754<T>
{
    private readonly Dictionary<int, Matrix<T>> _byBatchSize = [];

    /// <summary>The (rows, batchSize) buffer. Its contents are whatever the last user left there.</summary>
    public Matrix<T> For(int batchSize)
    {
        if (!_byBatchSize.TryGetValue(batchSize, out var matrix))
        {
            matrix = Matrix<T>.Build.Dense(rows, batchSize);
            _byBatchSize.Add(batchSize, matrix);
        }
        return matrix;
    }
}
