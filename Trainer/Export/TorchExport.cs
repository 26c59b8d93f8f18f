using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.PyTorch;
using NeuralNet.Reporting;

namespace NeuralNet.Export;

/// <summary>
/// Writes a saved model for PyTorch: the weights as a safetensors file whose names are the state-dict keys of the
/// network's nn.Sequential ("0.weight", "0.bias", …), and beside it a Python module (the same name, ".py") that
/// rebuilds that nn.Sequential and holds the preprocessing (<see cref="TorchModuleSource"/>). Each layer writes its
/// own module (<see cref="Layer{T}.ToTorch"/>, overridden in the layer's file), a layer holding layers theirs within its own.
/// </summary>
public static class TorchExport
{
    /// <summary>The Python module written beside <paramref name="weightsPath"/>: "iris.safetensors" → "iris.py".</summary>
    public static string ModulePath(string weightsPath) => Path.ChangeExtension(weightsPath, ".py");

    /// <summary>Writes both files, each atomically; a layer with no PyTorch form is an <see cref="InputException"/>
    /// naming it, before anything is written.</summary>
    /// <param name="modelName">The model file's name, for the module's docstring.</param>
    public static void Save(string weightsPath, SavedModel model, string modelName)
    {
        var network = Build(model.Network);
        string source = TorchModuleSource.Write(network, model.Preprocessing, modelName, Path.GetFileName(weightsPath));
        AtomicFile.Write(weightsPath, stream => SafeTensors.Write(stream, network.Tensors, Metadata(model)));
        AtomicFile.Write(ModulePath(weightsPath), stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(source);
        });
    }

    /// <summary>The network as PyTorch modules, one for each of its layers, and their parameters and buffers.</summary>
    public static TorchNetwork Build(Sequential<float> network)
    {
        var torch = new TorchModel();
        var modules = new string[network.Layers.Count];
        for (int i = 0; i < modules.Length; i++)
        {
            modules[i] = torch.Child($"{i}.", network.Layers[i].ToTorch)
                ?? throw new InputException($"layer {i} ({network.Layers[i].Spec}) has no PyTorch export; exportable layers are {LayerRegistry.TorchNames}");
        }
        return new TorchNetwork(modules, torch.Tensors, torch.Classes);
    }

    // "format": "pt" is what safetensors.torch.save_file writes; the rest says what the tensors are.
    private static Dictionary<string, string> Metadata(SavedModel model) => new(StringComparer.Ordinal)
    {
        ["format"] = "pt",
        ["producer"] = "neuralnet",
        ["layers"] = model.Network.Spec,
        ["weights_sha256"] = model.WeightsSha256,
    };
}
