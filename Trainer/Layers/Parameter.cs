using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>A learnable value and the gradient of the loss with respect to it, both of the same shape.</summary>
public sealed class Parameter<T> where T : struct, IFloatingPointIeee754<T>
{
    public Parameter(string name, Matrix<T> value)
    {
        Name = name;
        Value = value;
        Gradient = Matrix<T>.Build.Dense(value.RowCount, value.ColumnCount);
    }

    public string Name { get; }

    public Matrix<T> Value { get; }

    /// <summary>Accumulated by backward passes until <see cref="ZeroGradient"/>.</summary>
    public Matrix<T> Gradient { get; }

    /// <summary>The storage behind <see cref="Value"/> (column-major), for optimizers and hashing.</summary>
    public T[] Values => Value.AsColumnMajorArray();

    /// <summary>The storage behind <see cref="Gradient"/> (column-major).</summary>
    public T[] Gradients => Gradient.AsColumnMajorArray();

    public void ZeroGradient() => Array.Clear(Gradients);
}
