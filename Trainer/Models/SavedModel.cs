using NeuralNet.Data;
using NeuralNet.Layers;

namespace NeuralNet.Models;

/// <summary>A model file loaded and checked: a runnable network and everything needed to feed it.</summary>
public sealed record SavedModel(
    Sequential<float> Network,
    Preprocessing Preprocessing,
    TrainingRecord? Run,
    ModelMetrics? Metrics,
    string WeightsSha256);
