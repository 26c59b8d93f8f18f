using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;

namespace NeuralNet.Losses;

/// <summary>Mean squared error over every element, as PyTorch's MSELoss with reduction "mean".</summary>
public sealed class MeanSquaredError<T>(int outputs) : ILoss<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly BatchBuffers<T> _gradients = new(outputs); // (k, batch)
    private Matrix<T>? _output; // (k, batch), cached by Forward: the gradient is 2(y − t)/n
    private Matrix<T>? _target; // (k, batch), cached by Forward for the same reason

    public T Forward(Matrix<T> output, Matrix<T> target)
    {
        LayerChecks.Rows(output, outputs, "output");
        LayerChecks.Shape(target, outputs, output.ColumnCount, "target");
        var y = output.AsColumnMajorArray();
        var t = target.AsColumnMajorArray();
        T total = T.Zero;
        for (int i = 0; i < y.Length; i++)
        {
            T difference = y[i] - t[i];
            total += difference * difference;
        }
        _output = output;
        _target = target;
        return total / T.CreateChecked(y.Length);
    }

    public ILoss<T> WithOwnBuffers() => new MeanSquaredError<T>(outputs);

    public Matrix<T> Backward() => Backward((_output ?? throw new InvalidOperationException("Backward called before Forward.")).ColumnCount);

    public Matrix<T> Backward(int batchSize)
    {
        var output = _output ?? throw new InvalidOperationException("Backward called before Forward.");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, output.ColumnCount);
        var gradient = _gradients.For(output.ColumnCount);
        var y = output.AsColumnMajorArray();
        var t = _target!.AsColumnMajorArray();
        var g = gradient.AsColumnMajorArray();
        T scale = T.CreateChecked(2) / T.CreateChecked(outputs * batchSize);
        for (int i = 0; i < y.Length; i++)
            g[i] = (y[i] - t[i]) * scale;
        return gradient;
    }
}
