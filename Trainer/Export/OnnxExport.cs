using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Onnx;
using NeuralNet.Reporting;

namespace NeuralNet.Export;

/// <summary>
/// Writes a saved model as a standard ONNX graph that computes what <see cref="Predictor"/> computes: input
/// "input" (batch, features) of raw feature values, NaN where one is missing; the missing-value fill as IsNaN and
/// Where; the scaler as Sub and Div; each layer's own ONNX form
/// (<see cref="IOnnxLayer"/>, written in the layer's file); and output "probabilities" (Softmax) for a classifier
/// or "prediction" (back in target units) for a regression.
/// </summary>
public static class OnnxExport
{
    public const string Input = "input";

    public static string OutputName(Preprocessing preprocessing) =>
        preprocessing.Task == TaskKind.Classification ? "probabilities" : "prediction";

    /// <summary>Saves atomically; a layer with no ONNX form is an <see cref="InputException"/> naming it.</summary>
    public static void Save(string path, SavedModel model)
    {
        byte[] bytes = ToOnnx(model);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    public static byte[] ToOnnx(SavedModel model)
    {
        var prep = model.Preprocessing;
        var network = model.Network;
        var graph = new OnnxGraph();
        int features = network.InputSize;
        // The graph takes the numeric columns as they are in the file and standardises them itself; one-hot blocks
        // of text columns would need string inputs, which this export does not write.
        if (prep.Features.FirstOrDefault(f => f.IsCategorical) is { } text)
            throw new InputException($"the model one-hot encodes the text column '{text.Name}', which ONNX export does not cover; export works for models of numeric columns");
        string source = Input;
        // A missing value (NaN in the input) takes the training rows' fill, as predict does; a column without a fill
        // keeps its NaN, which makes that row's output NaN where predict would stop.
        if (prep.Features.Any(f => f.Fill is not null))
            source = graph.Node("Where", [graph.Node("IsNaN", [Input]), graph.Constant("feature_fills", [.. prep.Features.Select(f => f.Fill ?? float.NaN)], features), Input]);
        string x = graph.Node("Sub", [source, graph.Constant("feature_means", [.. prep.Features.Select(f => f.Mean)], features)]);
        x = graph.Node("Div", [x, graph.Constant("feature_scales", [.. prep.Features.Select(f => f.Scale)], features)]);
        for (int i = 0; i < network.Layers.Count; i++)
            x = Layer(graph, network.Layers[i], i, x);
        string output = OutputName(prep);
        if (prep.Task == TaskKind.Classification)
            graph.NamedNode(output, "Softmax", [x], ("axis", 1));
        else
            graph.NamedNode(output, "Add", [graph.Node("Mul", [x, graph.Constant("target_scales", prep.TargetScales, prep.TargetScales.Length)]), graph.Constant("target_means", prep.TargetMeans, prep.TargetMeans.Length)]);
        return graph.ToModel("neuralnet", Input, features, output, network.OutputSize);
    }

    // A layer without an ONNX form is named in the error rather than exported wrongly.
    private static string Layer(OnnxGraph graph, ILayer<float> layer, int index, string x) => layer is IOnnxLayer onnx
        ? onnx.ToOnnx(graph, x, $"layer{index}")
        : throw new InputException($"layer {index} ({layer.Spec}) has no ONNX export; exportable layers are {LayerRegistry.OnnxNames}");
}
