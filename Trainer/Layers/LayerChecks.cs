using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>Shape checks shared by layers and losses, with messages that name the offending matrix.</summary>
public static class LayerChecks
{
    public static void Rows<T>(Matrix<T> matrix, int rows, string what) where T : struct, IFloatingPointIeee754<T>
    {
        if (matrix.RowCount != rows)
            throw new ArgumentException($"{what} has {matrix.RowCount} rows; expected {rows}");
    }

    public static void Shape<T>(Matrix<T> matrix, int rows, int columns, string what) where T : struct, IFloatingPointIeee754<T>
    {
        if (matrix.RowCount != rows || matrix.ColumnCount != columns)
            throw new ArgumentException($"{what} is ({matrix.RowCount}, {matrix.ColumnCount}); expected ({rows}, {columns})");
    }
}
