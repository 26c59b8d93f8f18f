using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Layers;

namespace NeuralNet.Models;

/// <summary>A model file loaded and checked: a runnable network and everything needed to feed it.</summary>
public sealed record SavedModel(
    Sequential<float> Network,
    Preprocessing Preprocessing,
    TrainOptions? Training,
    ModelMetrics? Metrics,
    string WeightsSha256);
