using NeuralNet.Data;
using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>A saved model that a run continues: its network trains on, and the data is read with its preprocessing.</summary>
public sealed record ResumedNetwork(Sequential<float> Network, Preprocessing Preprocessing);
