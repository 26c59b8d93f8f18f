using NeuralNet.Export;
using NeuralNet.Models;

namespace NeuralNet.Cli;

/// <summary><c>export MODEL.json --format safetensors OUT</c>: the weights to OUT and the Python module beside it.</summary>
internal static class ExportRun
{
    public static int Torch(string modelPath, string weightsPath, TextWriter output, bool overwrite = false)
    {
        string modulePath = TorchExport.ModulePath(weightsPath);
        // The module is OUT with ".py": OUT itself ending in .py would make the two one file.
        if (string.Equals(Path.GetExtension(weightsPath), ".py", StringComparison.OrdinalIgnoreCase))
            throw new InputException($"OUT {weightsPath}: the weights cannot be a .py file, since the Python module is written beside them as OUT with .py; name them MODEL.safetensors");
        OutputPaths.Check([new("OUT", weightsPath), new("the module (OUT with .py)", modulePath)], [new("MODEL.json", modelPath)], overwrite);
        var saved = ModelSerializer.Load(modelPath);
        TorchExport.Save(weightsPath, saved, Path.GetFileName(modelPath));
        output.WriteLine($"exported {saved.NetworkSpec} to {weightsPath} (weights, safetensors) and {modulePath} (PyTorch: build(), load(), encode(rows), predict(model, rows), targets(rows), loss_function())");
        return ExitCodes.Success;
    }
}
