namespace NeuralNet.Layers;

/// <summary>A layer that draws random numbers in its forward pass (dropout's mask). Reseeding restarts its stream,
/// so a caller can make consecutive forward passes draw the same numbers, as the gradient check does.</summary>
public interface ISeededLayer
{
    void Reseed(int seed);
}
