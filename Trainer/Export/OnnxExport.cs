using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Onnx;
using NeuralNet.Reporting;

namespace NeuralNet.Export;

/// <summary>The names a graph is fed and read by.</summary>
/// <param name="Inputs">One per feature column, in the model's order: the column's name as the trainer reads it
/// (a column named "label" or "probabilities" is fed as "label_input" or "probabilities_input", so that the outputs
/// keep their fixed names), float (batch, 1) for a numeric column (double for one of large values close together,
/// <see cref="OnnxExport.IsFedAsDouble"/>), string (batch, 1) for a text one.</param>
/// <param name="Label">The predicted class name, string (batch), "" for a row with a NaN probability; or, for a
/// regression, the values in target units, float (batch, targets).</param>
/// <param name="Probabilities">Classification: the class probabilities, float (batch, classes); null for a regression.</param>
public sealed record OnnxSignature(IReadOnlyList<(string Name, OnnxType Type)> Inputs, string Label, string? Probabilities);

/// <summary>
/// Writes a saved model as one ONNX graph that computes what predict computes, preprocessing included, as skl2onnx
/// writes a scikit-learn pipeline: each column its own input; a missing number filled (ai.onnx.ml Imputer, NaN → the
/// fill); a text column mapped (LabelEncoder: a missing marker → the missing category) and one-hot encoded
/// (OneHotEncoder with the training categories, and the missing one); the blocks concatenated and standardised (Sub, Div); each layer's
/// own ONNX form (<see cref="Layer{T}.ToOnnx"/>, written in the layer's file); then Softmax, ArgMax and the class names
/// (LabelEncoder), or the values scaled back to target units.
/// </summary>
public static class OnnxExport
{
    public const string Label = "label";
    public const string Probabilities = "probabilities";

    /// <summary>What a feature column that has an output's name is fed as: "label_input".</summary>
    public const string ClashingInputSuffix = "_input";

    /// <summary>Saves atomically; a layer with no ONNX form is an <see cref="InputException"/> naming it.</summary>
    public static OnnxSignature Save(string path, SavedModel model)
    {
        var (bytes, signature) = Build(model);
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return signature;
    }

    public static byte[] ToOnnx(SavedModel model) => Build(model).Bytes;

    public static (byte[] Bytes, OnnxSignature Signature) Build(SavedModel model)
    {
        var prep = model.Preprocessing;
        var network = model.Network;
        bool classification = prep.Task == TaskKind.Classification;
        var graph = new OnnxGraph();
        // The outputs' fixed names first (a checker reads them by name), then the inputs, so that they keep the columns'
        // names except a column named as an output, then the values inside.
        string label = graph.Reserve(Label);
        string? probabilities = classification ? graph.Reserve(Probabilities) : null;
        var inputs = prep.Features.Select(f => (graph.Input(InputName(f.Name), TypeOf(f), 1), TypeOf(f))).ToArray();

        // (batch, 1) per numeric column and (batch, categories) per text column, concatenated in the model's order.
        string[] markers = ["", .. prep.MissingWords.Words];
        bool fills = prep.Missing is MissingValuePolicy.Mean or MissingValuePolicy.Median;
        var blocks = prep.Features.Select((f, i) => f.IsCategorical ? OneHot(graph, f, inputs[i].Item1, markers, fills)
            : IsFedAsDouble(f) ? CentredInDouble(graph, f, inputs[i].Item1) : Filled(graph, f, inputs[i].Item1)).ToArray();
        string x = graph.Node("Concat", blocks, ("axis", 1)); // (batch, InputCount)
        // A one-hot input is used as it is: centred on 0 and scaled by 1, exactly; a column fed as double is centred already.
        var means = prep.Features.SelectMany(f => f.IsCategorical ? new float[f.Width] : [IsFedAsDouble(f) ? 0f : (float)f.Mean]).ToArray();
        var scales = prep.Features.SelectMany(f => f.IsCategorical ? Enumerable.Repeat(1f, f.Width) : [f.Scale]).ToArray();
        x = graph.Node("Sub", [x, graph.Constant("feature_means", means, means.Length)]);
        x = graph.Node("Div", [x, graph.Constant("feature_scales", scales, scales.Length)]);
        // Clamped to ±InputClip as predict clamps (a one-hot 0 or 1 is inside); a NaN, a value without a fill, stays NaN.
        if (prep.InputClip is { } clip)
            x = graph.Node("Where", [graph.Node("IsNaN", [x]), x,
                graph.Node("Clip", [x, graph.Constant("input_clip_low", [-clip]), graph.Constant("input_clip_high", [clip])])]);
        for (int i = 0; i < network.Layers.Count; i++)
            x = Layer(graph, network.Layers[i], i, x);

        if (probabilities is not null)
        {
            graph.NamedNode(probabilities, "Softmax", [x], ("axis", 1));
            // predict takes the first of equal probabilities, as ArgMax does (select_last_index 0).
            string index = graph.Node("ArgMax", [probabilities], ("axis", 1), ("keepdims", 0)); // int64 (batch)
            string classNames = graph.MlNode("LabelEncoder", [index],
                ("keys_int64s", Enumerable.Range(0, prep.ClassNames.Length).Select(i => (long)i).ToArray()),
                ("values_strings", prep.ClassNames), ("default_string", "")); // string (batch)
            // A row with a NaN probability (a value the model cannot fill) is labelled "", not ArgMax's first class.
            string nanAsOne = graph.Node("Cast", [graph.Node("IsNaN", [probabilities])], ("to", (int)OnnxType.Float)); // (batch, classes)
            string anyNan = graph.Node("ReduceMax", [nanAsOne], ("axes", new long[] { 1 }), ("keepdims", 0)); // (batch)
            graph.NamedNode(label, "Where", [graph.Node("Cast", [anyNan], ("to", (int)OnnxType.Bool)), graph.Constant("no_label", [""]), classNames]);
            graph.Output(label, OnnxType.String, null);
            graph.Output(probabilities, OnnxType.Float, network.OutputSize);
        }
        else
        {
            graph.NamedNode(label, "Add", [graph.Node("Mul", [x, graph.Constant("target_scales", prep.TargetScales, prep.TargetScales.Length)]),
                graph.Constant("target_means", prep.TargetMeans.Select(m => (float)m).ToArray(), prep.TargetMeans.Length)]);
            graph.Output(label, OnnxType.Float, network.OutputSize);
        }
        return (graph.ToModel("neuralnet"), new OnnxSignature(inputs, label, probabilities));
    }

    /// <summary>Whether a numeric column is fed as double: its mean is more than
    /// <see cref="NumericOffsets.MagnitudeToSpread"/> standard deviations from 0 (epoch times), so a float input could
    /// not tell its values apart; the graph centres it in double and goes on in float.</summary>
    public static bool IsFedAsDouble(FeatureEncoding feature) =>
        !feature.IsCategorical && Math.Abs(feature.Mean) > NumericOffsets.MagnitudeToSpread * feature.Scale;

    private static OnnxType TypeOf(FeatureEncoding feature) =>
        feature.IsCategorical ? OnnxType.String : IsFedAsDouble(feature) ? OnnxType.Double : OnnxType.Float;

    // A column fed as double, (batch, 1) → float (batch, 1): NaN replaced by the fill (Where, as Imputer takes no
    // double fill), minus the mean in double, then float.
    private static string CentredInDouble(OnnxGraph graph, FeatureEncoding feature, string input)
    {
        string x = input;
        if (feature.Fill is { } fill)
            x = graph.Node("Where", [graph.Node("IsNaN", [input]), graph.Constant($"{feature.Name}_fill", [fill], 1), input]);
        x = graph.Node("Sub", [x, graph.Constant($"{feature.Name}_mean", [feature.Mean], 1)]);
        return graph.Node("Cast", [x], ("to", (int)OnnxType.Float));
    }

    // A column named as an output is fed under another name, so that the outputs' names never change.
    private static string InputName(string column) =>
        column is Label or Probabilities ? column + ClashingInputSuffix : column;

    // A numeric column, (batch, 1): NaN replaced by the model's fill when it has one. Without one, predict stops at a
    // missing value; a graph cannot stop, and the NaN reaches the outputs (and the label is "").
    private static string Filled(OnnxGraph graph, FeatureEncoding feature, string input) => feature.Fill is { } fill
        ? graph.MlNode("Imputer", [input], ("imputed_value_floats", new[] { (float)fill }), ("replaced_value_float", float.NaN))
        : input;

    // A text column, (batch, 1) → (batch, width). A missing marker ("" or one of the model's missing-value words)
    // becomes the missing category when the model has one (the block's last input), the fill category in a model
    // saved before missing categories, all zeros in a model that fills but met no gap in this column (as predict);
    // in a model that does not fill, predict stops, and here the block is NaN, as a missing number without a fill
    // is, so that the row's outputs are NaN. Anything else that is not a training category is all zeros, as
    // predict's --unknown-category ignore gives it.
    private static string OneHot(OnnxGraph graph, FeatureEncoding feature, string input, string[] markers, bool fills)
    {
        string x = input;
        // A string that is no category: what an unknown value, and a missing one, are mapped to.
        string Outside(string stem)
        {
            while (feature.Categories.Contains(stem, StringComparer.Ordinal))
                stem = $"<{stem}>";
            return stem;
        }
        string unknown = Outside("<unknown>");
        string missing = Outside("<missing>");
        string? markerValue = feature.MissingCategory ? missing : feature.FillCategory ?? (fills ? unknown : null);
        if (markerValue is not null)
        {
            // Every other value maps to a string that is no category, so that OneHotEncoder sees it as unknown.
            x = graph.MlNode("LabelEncoder", [x],
                ("keys_strings", (string[])[.. feature.Categories, .. markers]),
                ("values_strings", (string[])[.. feature.Categories, .. markers.Select(_ => markerValue)]),
                ("default_string", unknown));
        }
        string[] columns = feature.MissingCategory ? [.. feature.Categories, missing] : feature.Categories;
        string oneHot = graph.MlNode("OneHotEncoder", [x], ("cats_strings", columns), ("zeros", 1)); // (batch, 1, width)
        string flat = graph.Node("Flatten", [oneHot], ("axis", 1)); // (batch, width)
        if (markerValue is not null)
            return flat;
        string nan = graph.MlNode("LabelEncoder", [input], ("keys_strings", markers),
            ("values_floats", markers.Select(_ => float.NaN).ToArray()), ("default_float", 0f)); // (batch, 1): NaN for a marker, else 0
        return graph.Node("Add", [flat, nan]);
    }

    // A layer without an ONNX form is named in the error rather than exported wrongly.
    private static string Layer(OnnxGraph graph, Layer<float> layer, int index, string x) =>
        layer.ToOnnx(graph, x, $"layer{index}")
        ?? throw new InputException($"layer {index} ({layer.Spec}) has no ONNX export; exportable layers are {LayerRegistry.OnnxNames}");
}
