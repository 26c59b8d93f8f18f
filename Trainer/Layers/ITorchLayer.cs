using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// A layer that has a PyTorch form, for <c>neuralnet export --format safetensors</c>: like <see cref="IOnnxLayer"/>,
/// an optional interface written in the layer's own file, so a new layer adds its PyTorch form there; the exporter
/// refuses a model holding a layer without one, naming it. The form must compute what the layer computes, in training
/// as well as at inference (dropout is nn.Dropout), so that PyTorch can go on training the model.
/// </summary>
public interface ITorchLayer
{
    /// <summary>Appends the layer's module (and its parameters, under the names the module gives them) to
    /// <paramref name="model"/>. The module takes (batch, InputSize) and gives (batch, OutputSize): PyTorch puts the
    /// batch first, where the trainer's matrices are (InputSize, batch).</summary>
    void ToTorch(TorchSequential model);
}
