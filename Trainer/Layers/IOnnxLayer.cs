using NeuralNet.Onnx;

namespace NeuralNet.Layers;

/// <summary>
/// A layer that has an ONNX form. It is a separate, optional interface rather than a member of
/// <see cref="ILayer{T}"/>: a layer without one still trains, saves and predicts, and the exporter refuses a model
/// holding it with one line naming the layer (see NeuralNet.Export.OnnxExport) instead of writing a wrong graph.
/// </summary>
public interface IOnnxLayer
{
    /// <summary>Adds the layer at inference (dropout is the identity) to <paramref name="graph"/>.</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="input">The name of the layer's input value, (batch, InputSize) row-major: ONNX puts the batch
    /// first, where the trainer's matrices are (InputSize, batch).</param>
    /// <param name="prefix">A stem unique to this layer for naming its constants, such as "layer3".</param>
    /// <returns>The name of the output value, (batch, OutputSize).</returns>
    string ToOnnx(OnnxGraph graph, string input, string prefix);
}
