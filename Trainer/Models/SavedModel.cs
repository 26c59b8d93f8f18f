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
    /// <summary>What a training run continues from this model: its network and its preprocessing.</summary>
    public ResumedNetwork ToResume() => new(Network, Preprocessing);
}
