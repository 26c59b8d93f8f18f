using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>Short names of layers for messages, as each layer gives them (<see cref="Layer{T}.Description"/>): "dense 4→64", "relu 64".</summary>
public static class LayerDescription
{
    public static string Of(Layer<float> layer) => layer.Description;
}
