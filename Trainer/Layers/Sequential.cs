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

    /// <summary>
    /// A network of the same layers that reads and updates this one's parameter values but has its own gradients,
    /// activation buffers and cached inputs, so another thread can run forward and backward on it at the same time
    /// (see NeuralNet.Training's data-parallel step). Each layer is rebuilt from its spec by the
    /// <see cref="LayerRegistry"/> with <paramref name="context"/> (its product, and the seeds of its dropout masks),
    /// then its parameters are pointed at this network's values.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer's spec does not rebuild it with the same parameters.</exception>
    public Sequential<T> ReplicaSharingValues(LayerContext<T> context)
    {
        var replicas = new List<ILayer<T>>(_layers.Length);
        int width = InputSize;
        foreach (var layer in _layers)
        {
            var specs = LayerRegistry.Parse(layer.Spec);
            if (specs.Count != 1)
                throw new NotSupportedException($"layer '{layer.Spec}' is not one registered layer and cannot be replicated");
            var replica = LayerRegistry.Create(specs[0], width, context);
            var own = replica.Parameters;
            var primary = layer.Parameters;
            if (replica.OutputSize != layer.OutputSize || own.Count != primary.Count)
                throw new NotSupportedException($"layer '{layer.Spec}' rebuilt from its spec differs from the original");
            for (int i = 0; i < own.Count; i++)
                own[i].ShareValueOf(primary[i]);
            replicas.Add(replica);
            width = replica.OutputSize;
        }
        return new Sequential<T>(replicas);
    }

    public void ZeroGradients()
    {
        foreach (var parameter in _parameters)
            parameter.ZeroGradient();
    }
}
