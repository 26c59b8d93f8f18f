using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Training;

namespace NeuralNet.Models;

/// <summary>A model file loaded and checked: a runnable network and everything needed to feed it.</summary>
/// <param name="FormatVersion">The file's format: before 3 only the weights were covered by a hash.</param>
public sealed record SavedModel(
    Sequential<float> Network,
    Preprocessing Preprocessing,
    TrainingRecord? Run,
    ModelMetrics? Metrics,
    string WeightsSha256,
    int FormatVersion)
{
    /// <summary>The network's layers as a spec, "dense:64,relu,dense:3".</summary>
    public string NetworkSpec => Network.Spec;

    /// <summary>The network is the one the layer spec <paramref name="layers"/> builds for its inputs and outputs.</summary>
    public bool HasLayers(string layers) => NetworkMatch.Same(LayerRegistry.Parse(layers), Network);

    /// <summary>The network is the Dense + ReLU pairs of <paramref name="hidden"/>'s widths and the output layer.</summary>
    public bool HasHidden(IReadOnlyList<int> hidden) => NetworkMatch.Same(LayerRegistry.FromHidden(hidden), Network);

    /// <summary>What a training run continues from this model: its network and its preprocessing.</summary>
    public ResumedNetwork ToResume() => new(Network, Preprocessing);
}
