using System.Text.Json;
using System.Text.Json.Serialization;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Reporting;

namespace NeuralNet.Models;

/// <summary>
/// Writes and reads model files. A layer is saved as its spec, input size and named parameters, and rebuilt through
/// <see cref="LayerRegistry"/>, so a new layer needs no code here. Loading checks everything it can and explains a bad file in one line (an <see cref="InputException"/>).
/// </summary>
public static class ModelSerializer
{
    public const string FormatName = "neuralnet-model";

    /// <summary>2 saves each layer as a spec; version 1 files (dense and relu only) are still read.</summary>
    public const int FormatVersion = 2;

    private const int OldestReadableVersion = 1;

    // Floats are written in their shortest round-trip form, so weights read back bit for bit.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ModelDocument ToDocument(Sequential<float> network, Preprocessing preprocessing, TrainOptions? training, ModelMetrics? metrics) => new()
    {
        Format = FormatName,
        FormatVersion = FormatVersion,
        Architecture = [.. network.Layers.Select(Describe)],
        Preprocessing = preprocessing,
        Training = training,
        Metrics = metrics,
        WeightsSha256 = WeightsHash.Sha256(network.Parameters),
    };

    /// <summary>Saves atomically: a crash mid-save leaves the previous file as it was.</summary>
    public static void Save(string path, ModelDocument document) => AtomicFile.Write(path, stream => Write(stream, document));

    public static void Write(Stream stream, ModelDocument document) => JsonSerializer.Serialize(stream, document, Json);

    public static SavedModel Load(string path)
    {
        if (!File.Exists(path))
            throw new InputException(Directory.Exists(path) ? $"{path}: is a directory, not a model file" : $"{path}: file not found");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}", e);
        }
        return FromDocument(path, Parse(path, bytes));
    }

    private static ModelDocument Parse(string path, byte[] bytes)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
                throw new InputException($"{path}: not a NeuralNet model file (it has no \"format\": \"{FormatName}\")");
            if (!root.TryGetProperty("format_version", out var version) || !version.TryGetInt32(out int number))
                throw new InputException($"{path}: damaged model file: format_version is missing");
            if (number is < OldestReadableVersion or > FormatVersion)
                throw new InputException($"{path}: model format_version {number} is not supported; this build reads versions {OldestReadableVersion} to {FormatVersion}");
            return root.Deserialize<ModelDocument>(Json) ?? throw new InputException($"{path}: damaged model file: it is empty");
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $"{path}:{line + 1}" : path;
            string at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (at {e.Path})";
            throw new InputException($"{where}: damaged model file: {FirstSentence(e.Message)}{at}", e);
        }
    }

    private static SavedModel FromDocument(string path, ModelDocument document)
    {
        var layers = new List<ILayer<float>>();
        for (int i = 0; i < document.Architecture.Count; i++)
            layers.Add(Build(path, i, document.Architecture[i], document.FormatVersion));
        Sequential<float> network;
        try
        {
            network = new Sequential<float>(layers);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{path}: damaged model file: {e.Message.Split(" (Parameter")[0]}", e);
        }

        var prep = document.Preprocessing;
        if (prep.Features is null || prep.InputCount != network.InputSize)
            throw new InputException($"{path}: damaged model file: the network takes {network.InputSize} inputs but the preprocessing encodes {prep.Features?.Sum(f => f.Width) ?? 0}");
        if (prep.OutputCount != network.OutputSize)
            throw new InputException($"{path}: damaged model file: the network gives {network.OutputSize} outputs but the preprocessing expects {prep.OutputCount}");
        string hash = WeightsHash.Sha256(network.Parameters);
        if (!string.Equals(hash, document.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new InputException($"{path}: damaged model file: the weights do not match weights_sha256");
        return new SavedModel(network, prep, document.Training, document.Metrics, hash);
    }

    private static LayerDocument Describe(ILayer<float> layer) => new()
    {
        Spec = layer.Spec,
        Inputs = layer.InputSize,
        Parameters = layer.Parameters.Count == 0 ? null : layer.Parameters.ToDictionary(p => p.Name, p => p.Value.ToRowMajorArray()),
    };

    private static ILayer<float> Build(string path, int index, LayerDocument document, int version)
    {
        string where = $"{path}: damaged model file: layer {index} ({document.Spec ?? document.Type})";
        var (text, inputs) = version == 1 ? FormatOneSpec(path, index, document, where) : (document.Spec, Positive(document.Inputs, where, "inputs"));
        if (string.IsNullOrWhiteSpace(text))
            throw new InputException($"{where}: 'spec' is missing");

        ILayer<float> layer;
        try
        {
            var specs = LayerRegistry.Parse(text);
            if (specs.Count != 1)
                throw new InputException($"'{text}' is not one layer");
            layer = LayerRegistry.Create(specs[0], inputs, LayerContext<float>.WithChosenGemm(new Random(0))); // the random initial values are overwritten below
        }
        catch (InputException e)
        {
            throw new InputException($"{path}: unsupported layer at layer {index}: {e.Message}", e);
        }

        foreach (var parameter in layer.Parameters)
        {
            var values = Values(document, parameter.Name, parameter.Values.LongLength, where);
            Matrix<float>.Build.DenseOfRowMajor(parameter.Value.RowCount, parameter.Value.ColumnCount, values).CopyTo(parameter.Value);
        }
        if (document.Parameters?.Keys.FirstOrDefault(name => layer.Parameters.All(p => p.Name != name)) is { } unknown)
            throw new InputException($"{where}: unknown parameter '{unknown}'");
        return layer;
    }

    // Format 1 wrote a type and sizes instead of a spec, and knew only these two layers.
    private static (string? Spec, int Inputs) FormatOneSpec(string path, int index, LayerDocument document, string where) => document.Type switch
    {
        "dense" => ($"dense:{Positive(document.Outputs, where, "outputs")}", Positive(document.Inputs, where, "inputs")),
        "relu" => ("relu", Positive(document.Size, where, "size")),
        _ => throw new InputException($"{path}: unsupported layer type '{document.Type}' at layer {index}; format_version 1 knew dense and relu"),
    };

    private static int Positive(int? value, string where, string name) =>
        value is > 0 ? value.Value : throw new InputException($"{where}: '{name}' must be a positive integer");

    private static float[] Values(LayerDocument layer, string name, long expected, string where)
    {
        if (layer.Parameters is null || !layer.Parameters.TryGetValue(name, out var values) || values is null)
            throw new InputException($"{where}: parameter '{name}' is missing");
        if (values.Length != expected)
            throw new InputException($"{where}: parameter '{name}' has {values.Length} values; expected {expected}");
        if (Array.FindIndex(values, v => !float.IsFinite(v)) is int bad and >= 0)
            throw new InputException($"{where}: parameter '{name}' has a non-finite value at index {bad}");
        return values;
    }

    // System.Text.Json appends "Path: … | LineNumber: … | BytePositionInLine: …"; the location is reported separately.
    private static string FirstSentence(string message) => message.Split(" Path: ")[0].Split(" LineNumber: ")[0].Trim();
}
