using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>Short names of layers for messages, as each layer gives them (<see cref="ILayer{T}.Description"/>): "dense 4→64", "relu 64".</summary>
public static class LayerDescription
{
    public static string Of(ILayer<float> layer) => layer.Description;

    /// <summary>Runs <paramref name="input"/> (features, batch) through the layers one at a time and names the first
    /// whose output holds a NaN or ±∞. Only called after a non-finite loss, so it may allocate.</summary>
    public static string FirstNonFiniteOutput(Sequential<float> model, MathNet.Numerics.LinearAlgebra.Matrix<float> input)
    {
        var activation = input;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            activation = model.Layers[i].Forward(activation, training: false);
            if (Array.Exists(activation.AsColumnMajorArray(), v => !float.IsFinite(v)))
                return $"layer {i} ({Of(model.Layers[i])})";
        }
        return "none (every layer's output was finite; the loss itself overflowed)";
    }
}
