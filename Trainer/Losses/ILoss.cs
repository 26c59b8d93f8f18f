using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Losses;

/// <summary>
/// A loss over a batch: the mean over samples of a per-sample loss. Forward caches what Backward needs; Backward
/// returns d(loss)/d(output) in the loss's own buffer, valid until its next call.
/// </summary>
public interface ILoss<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <param name="output">The model's output (k, batch).</param>
    /// <param name="target">Targets of the same shape: one-hot (or soft) class probabilities, or regression values.</param>
    T Forward(Matrix<T> output, Matrix<T> target);

    /// <summary>d(loss)/d(output), (k, batch).</summary>
    Matrix<T> Backward();

    /// <summary>d(loss)/d(output), (k, batch), for the forward's samples as a shard of a batch of
    /// <paramref name="batchSize"/> samples: the per-sample gradients are divided by the whole batch's size, so the
    /// shards' parameter gradients add up to the whole batch's.</summary>
    Matrix<T> Backward(int batchSize);

    /// <summary>A loss of the same kind with its own buffers, for another worker thread.</summary>
    ILoss<T> WithOwnBuffers();
}
