using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>Short names of layers for messages: "dense 4→64", "relu 64".</summary>
public static class LayerDescription
{
    public static string Of(ILayer<float> layer) => layer switch
    {
        Dense<float> dense => $"dense {dense.InputSize}→{dense.OutputSize}",
        ReLU<float> relu => $"relu {relu.InputSize}",
        _ => $"{layer.Spec} {layer.InputSize}→{layer.OutputSize}",
    };
}
