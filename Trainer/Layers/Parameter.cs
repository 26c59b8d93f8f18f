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

    /// <summary>The value. A replica's parameter (<see cref="ShareValueOf"/>) holds its primary's matrix.</summary>
    public Matrix<T> Value { get; private set; }

    /// <summary>Accumulated by backward passes until <see cref="ZeroGradient"/>.</summary>
    public Matrix<T> Gradient { get; }

    /// <summary>The storage behind <see cref="Value"/> (column-major), for optimizers and hashing.</summary>
    public T[] Values => Value.AsColumnMajorArray();

    /// <summary>The storage behind <see cref="Gradient"/> (column-major).</summary>
    public T[] Gradients => Gradient.AsColumnMajorArray();

    public void ZeroGradient() => Array.Clear(Gradients);

    /// <summary>
    /// Makes this parameter read and write <paramref name="primary"/>'s value matrix from now on, keeping its own
    /// gradient: a replica of a network built for another worker thread computes gradients on the same weights.
    /// Layers must reach their values through the parameter (<see cref="Value"/>, <see cref="Values"/>) on each
    /// call, never keep the array; the layer contract tests check that for every registered layer.
    /// </summary>
    public void ShareValueOf(Parameter<T> primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        if (primary.Value.RowCount != Value.RowCount || primary.Value.ColumnCount != Value.ColumnCount)
            throw new ArgumentException($"parameter '{Name}' is ({Value.RowCount}, {Value.ColumnCount}) but the primary's '{primary.Name}' is ({primary.Value.RowCount}, {primary.Value.ColumnCount})", nameof(primary));
        Value = primary.Value;
    }
}
