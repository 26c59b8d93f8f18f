using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>
/// One layer of a sequential network. Activations are matrices of shape (features, batch):
/// one column per sample, so each sample is contiguous in MathNet's column-major storage.
/// </summary>
/// <remarks>
/// The contract, in the order the trainer uses it:
/// <list type="number">
/// <item><see cref="Forward"/> computes the output and caches, on purpose, whatever <see cref="Backward"/> needs.</item>
/// <item><see cref="Backward"/> turns the gradient of the loss with respect to the output into the gradient with
/// respect to the input, and <em>accumulates</em> (+=) the gradients of the parameters. Gradients are zeroed
/// explicitly by the caller, never by the layer.</item>
/// <item><see cref="Parameters"/> pair each learnable value with its gradient, for the optimizer.</item>
/// </list>
/// Matrices a layer returns are its own buffers, valid until its next call; a layer never changes the matrices it is
/// given, and expects its forward input to stay unchanged until the matching backward.
/// </remarks>
public interface ILayer<T> where T : struct, IFloatingPointIeee754<T>
{
    int InputSize { get; }

    int OutputSize { get; }

    /// <summary>The spec that rebuilds this layer given its input size, such as <c>dense:128</c> or
    /// <c>leaky_relu:0.01</c> (see <see cref="LayerRegistry"/>). With <see cref="Parameters"/> it is the layer's
    /// whole saved state.</summary>
    string Spec { get; }

    /// <summary>The layer in messages, with its sizes: "dense 4→64", "relu 64". By default the spec and both sizes.</summary>
    string Description => $"{Spec} {InputSize}→{OutputSize}";

    /// <summary>The layer in the model line "4 → dense 64 → relu → dense 3": its spec unless the layer says
    /// otherwise.</summary>
    string Summary => Spec;

    /// <summary>Learnable parameters with their gradients; empty for a layer without any.</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>input (InputSize, batch) → output (OutputSize, batch).</summary>
    /// <param name="training">True while training; layers such as dropout behave differently then.</param>
    Matrix<T> Forward(Matrix<T> input, bool training);

    /// <summary>outputGradient (OutputSize, batch) → inputGradient (InputSize, batch), or null when
    /// <paramref name="inputGradientNeeded"/> is false (the first layer, whose input is data).</summary>
    Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true);
}
