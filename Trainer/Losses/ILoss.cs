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
}
