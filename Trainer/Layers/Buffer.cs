using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>
/// A layer's state that is not learned, such as batchnorm's running mean: PyTorch's registered buffer. It is saved in
/// the model file and covered by its hashes, and never stepped or decayed by an optimizer (it has no gradient).
/// A layer updates it in a training forward; the data-parallel step gives each worker's replica its own copy and
/// averages the copies into the model's after the step, weighted by each worker's share of the batch
/// (NeuralNet.Training.ReplicaBuffers), which is exact for a running average.
/// </summary>
public sealed class Buffer<T>(string name, Matrix<T> value) where T : struct, IFloatingPointIeee754<T>
{
    public string Name { get; } = name;

    public Matrix<T> Value { get; } = value;

    /// <summary>The storage behind <see cref="Value"/> (column-major), for copying, averaging and hashing.</summary>
    public T[] Values => Value.AsColumnMajorArray();
}
