using System.Globalization;
using NeuralNet.Layers;

namespace NeuralNet.Models;

/// <summary>Whether a saved network is the one a layer spec describes: --resume refuses a --layers or --hidden that
/// says otherwise.</summary>
internal static class NetworkMatch
{
    // Compared layer by layer as Build would make them: the output layer's size comes from the model, so a bare
    // output layer and one sized as the model's outputs are the same (also at the end of an ensemble's members);
    // numbers are compared as numbers (0.10 is 0.1).
    public static bool Same(IReadOnlyList<LayerSpec> specs, Sequential<float> network)
    {
        var all = specs.ToList();
        if (all.Count > 0 && all[^1].Name == LayerRegistry.OutputLayer && all[^1].Children.Count == 0
            && all[^1].Arguments.Count == 1 && int.TryParse(all[^1].Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out int size) && size == network.OutputSize)
            all[^1] = new LayerSpec(LayerRegistry.OutputLayer, []);
        var built = LayerRegistry.WithOutputLayer(all, network.OutputSize);
        var saved = network.Layers.Select(layer => LayerRegistry.Parse(layer.Spec)[0]).ToList();
        return saved.Count == built.Count && built.Zip(saved).All(pair => Same(pair.First, pair.Second));
    }

    private static bool Same(LayerSpec a, LayerSpec b) =>
        a.Name == b.Name && a.Arguments.Count == b.Arguments.Count && a.Arguments.Zip(b.Arguments).All(pair =>
            double.TryParse(pair.First, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
            && double.TryParse(pair.Second, NumberStyles.Float, CultureInfo.InvariantCulture, out double y) ? x == y : pair.First == pair.Second)
        && a.Children.Count == b.Children.Count && a.Children.Zip(b.Children).All(pair => Same(pair.First, pair.Second));
}
