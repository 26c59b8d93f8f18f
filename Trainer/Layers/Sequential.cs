using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>Layers applied one after another. It is itself a layer, so the gradient check covers the whole model.</summary>
public sealed class Sequential<T> : ILayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;
    private readonly Parameter<T>[] _parameters;

    public Sequential(IEnumerable<ILayer<T>> layers)
    {
        _layers = [.. layers];
        if (_layers.Length == 0)
            throw new ArgumentException("a model needs at least one layer", nameof(layers));
        for (int i = 1; i < _layers.Length; i++)
        {
            if (_layers[i].InputSize != _layers[i - 1].OutputSize)
                throw new ArgumentException(
                    $"layer {i} ({_layers[i].GetType().Name}) takes {_layers[i].InputSize} inputs but layer {i - 1} gives {_layers[i - 1].OutputSize}",
                    nameof(layers));
        }
        _parameters = [.. _layers.SelectMany(layer => layer.Parameters)];
    }

    public IReadOnlyList<ILayer<T>> Layers => _layers;

    public int InputSize => _layers[0].InputSize;

    public int OutputSize => _layers[^1].OutputSize;

    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    public string Spec => string.Join(',', _layers.Select(layer => layer.Spec));

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        var activation = input;
        foreach (var layer in _layers)
            activation = layer.Forward(activation, training);
        return activation;
    }

    public Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true)
    {
        var gradient = outputGradient;
        for (int i = _layers.Length - 1; i > 0; i--)
            gradient = _layers[i].Backward(gradient)!;
        return _layers[0].Backward(gradient, inputGradientNeeded);
    }

    public void ZeroGradients()
    {
        foreach (var parameter in _parameters)
            parameter.ZeroGradient();
    }
}
