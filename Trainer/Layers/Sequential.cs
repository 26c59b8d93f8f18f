using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>Layers applied one after another: a whole network, or the inner layers of a layer that holds layers
/// (a residual block's body, an ensemble's member). It is itself a layer whose children are its layers, so the
/// gradient check covers a whole model, and its parameters and buffers are theirs, named "0.weight", "2.running_mean".</summary>
public sealed class Sequential<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Layer<T>[] _layers;

    public Sequential(IEnumerable<Layer<T>> layers)
        : this(Checked([.. layers]))
    {
    }

    private Sequential(Layer<T>[] layers)
        : base(layers[0].InputSize, layers[^1].OutputSize)
    {
        _layers = layers;
        for (int i = 0; i < layers.Length; i++)
            AddChild($"{i}.", layers[i]);
    }

    public IReadOnlyList<Layer<T>> Layers => _layers;

    public override string Spec => string.Join(',', _layers.Select(layer => layer.Spec));

    public override string Summary => string.Join(" → ", _layers.Select(layer => layer.Summary));

    // The last layer's output is copied into this layer's own buffer, as the contract asks: (out, batch), a small copy.
    protected override void Forward(Matrix<T> x, Matrix<T> y, bool training)
    {
        var activation = x;
        foreach (var layer in _layers)
            activation = layer.Forward(activation, training);
        activation.AsColumnMajorArray().CopyTo(y.AsColumnMajorArray(), 0);
    }

    protected override void Backward(Matrix<T> x, Matrix<T> dy, Matrix<T>? dx)
    {
        var gradient = dy;
        for (int i = _layers.Length - 1; i > 0; i--)
            gradient = _layers[i].Backward(gradient)!;
        var first = _layers[0].Backward(gradient, inputGradientNeeded: dx is not null);
        first?.AsColumnMajorArray().CopyTo(dx!.AsColumnMajorArray(), 0);
    }

    /// <summary>The layers' forms one after another, each prefixed "prefix.i", or null when one has none.</summary>
    public override string? ToOnnx(OnnxGraph graph, string input, string prefix)
    {
        string? value = input;
        for (int i = 0; i < _layers.Length && value is not null; i++)
            value = _layers[i].ToOnnx(graph, value, $"{prefix}.{i}");
        return value;
    }

    /// <summary>An nn.Sequential of the layers' modules, or null when one has none.</summary>
    public override string? ToTorch(TorchModel model) =>
        TorchModules(model) is { } modules ? $"nn.Sequential({string.Join(", ", modules)})" : null;

    /// <summary>The layers' PyTorch modules in order, each written as child "i." as this layer names them (so an
    /// nn.Sequential or a subclass of it holding them has this layer's state dict), or null when one has none.</summary>
    public string[]? TorchModules(TorchModel model) => model.Children(_layers.Select(layer => (Func<TorchModel, string?>)layer.ToTorch));

    /// <summary>
    /// A network of the same layers that reads and updates this one's parameter values but has its own gradients,
    /// buffers, activation buffers and cached inputs, so another thread can run forward and backward on it at the
    /// same time (see NeuralNet.Training's data-parallel step). Each layer, with the layers it holds, is rebuilt from
    /// its spec by the <see cref="LayerRegistry"/> with <paramref name="context"/> (its product, and the seeds of its
    /// dropout masks); then its parameters, matched in order down the tree, are pointed at this network's values, and
    /// its buffers start as copies of this network's.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer's spec does not rebuild it with the same parameters and buffers.</exception>
    public Sequential<T> ReplicaSharingValues(LayerContext<T> context)
    {
        var replicas = new List<Layer<T>>(_layers.Length);
        int width = InputSize;
        foreach (var layer in _layers)
        {
            var specs = LayerRegistry.Parse(layer.Spec);
            if (specs.Count != 1)
                throw new NotSupportedException($"layer '{layer.Spec}' is not one registered layer and cannot be replicated");
            var replica = LayerRegistry.Create(specs[0], width, context);
            var (own, primary) = (replica.Parameters, layer.Parameters);
            var (ownBuffers, primaryBuffers) = (replica.Buffers, layer.Buffers);
            if (replica.OutputSize != layer.OutputSize || own.Count != primary.Count || ownBuffers.Count != primaryBuffers.Count)
                throw new NotSupportedException($"layer '{layer.Spec}' rebuilt from its spec differs from the original");
            for (int i = 0; i < own.Count; i++)
                own[i].ShareValueOf(primary[i]);
            for (int i = 0; i < ownBuffers.Count; i++)
                primaryBuffers[i].Value.CopyTo(ownBuffers[i].Value);
            replicas.Add(replica);
            width = replica.OutputSize;
        }
        return new Sequential<T>(replicas);
    }

    private static Layer<T>[] Checked(Layer<T>[] layers)
    {
        if (layers.Length == 0)
            throw new ArgumentException("a model needs at least one layer", nameof(layers));
        for (int i = 1; i < layers.Length; i++)
        {
            if (layers[i].InputSize != layers[i - 1].OutputSize)
                throw new ArgumentException(
                    $"layer {i} ({layers[i].GetType().Name}) takes {layers[i].InputSize} inputs but layer {i - 1} gives {layers[i - 1].OutputSize}",
                    nameof(layers));
        }
        return layers;
    }

    /// <summary>One network that averages <paramref name="members"/>' outputs (an <see cref="Ensemble{T}"/> of them):
    /// how an ensemble trained member by member becomes one model.</summary>
    public static Sequential<T> AverageOf(IReadOnlyList<Sequential<T>> members) => new([Ensemble<T>.Of(members)]);
}
