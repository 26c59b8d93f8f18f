using NeuralNet.Layers;
using NeuralNet.Optimizers;

namespace NeuralNet.Training;

/// <summary>What a <see cref="TrainingRequest"/> may name, for the option parser's help and checks: the registered
/// layers and optimizers.</summary>
public static class TrainingChoices
{
    /// <summary>Each registered layer's usage line, "dense:N — fully connected, N outputs", by name.</summary>
    public static IEnumerable<string> LayerUsages => LayerRegistry.All.Select(layer => layer.Usage);

    /// <summary>The registered optimizers' names, in order.</summary>
    public static IReadOnlyList<string> OptimizerNames => OptimizerRegistry.Names;

    /// <summary>Checks every layer's arguments of <paramref name="layers"/> by measuring the network on one input,
    /// without building it.</summary>
    /// <exception cref="InputException">The first layer that is not valid, and why.</exception>
    public static void CheckLayers(string layers) => MemoryEstimate.For(LayerRegistry.Parse(layers), 1, 1, 1, 1, 0);
}
