using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Reporting;

namespace NeuralNet.Models;

/// <summary>
/// Writes and reads model files. A layer is saved as its spec, input size, named parameters and named buffers, and rebuilt through
/// <see cref="LayerRegistry"/>, so a new layer needs no code here. Loading checks everything it can and explains a bad file in one line (an <see cref="InputException"/>).
/// </summary>
public static partial class ModelSerializer
{
    public const string FormatName = "neuralnet-model";

    /// <summary>3 adds <c>document_sha256</c> over the whole document and the <c>run</c> record; 2 saved each layer as
    /// a spec; version 1 and 2 files are still read (their weights checked by <c>weights_sha256</c> only).</summary>
    public const int FormatVersion = 3;

    /// <summary>The first version whose files carry <c>document_sha256</c>.</summary>
    private const int FirstHashedVersion = 3;

    /// <summary>A model file is parsed in memory; larger files (far beyond any network this trainer can build) are
    /// refused before they are read.</summary>
    public const long MaxFileBytes = 1L << 30;

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
        TypeInfoResolver = ModelJsonContext.Default,
    };

    // The canonical form the document hash is taken over: the same document, compact, without the hash itself.
    private static readonly JsonSerializerOptions Canonical = new(Json) { WriteIndented = false };

    public static ModelDocument ToDocument(Sequential<float> network, Preprocessing preprocessing, TrainingRecord? run, ModelMetrics? metrics)
    {
        var document = new ModelDocument
        {
            Format = FormatName,
            FormatVersion = FormatVersion,
            Architecture = [.. network.Layers.Select(Describe)],
            Preprocessing = preprocessing,
            Run = run,
            Metrics = metrics,
            WeightsSha256 = WeightsHash.Sha256(network.Parameters, network.Buffers),
        };
        return document with { DocumentSha256 = DocumentSha256(document) };
    }

    /// <summary>SHA-256 (lowercase hex) of the document serialised compactly without <c>document_sha256</c>: it covers
    /// everything the file says (architecture, preprocessing, classes, weights, run and metrics), so any edit shows.</summary>
    public static string DocumentSha256(ModelDocument document) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(document with { DocumentSha256 = null }, Canonical)));

    /// <summary>Saves atomically: a crash mid-save leaves the previous file as it was.</summary>
    public static void Save(string path, ModelDocument document) => AtomicFile.Write(path, stream => Write(stream, document));

    /// <summary>Saves under the first free name of <paramref name="nameFor"/>(1), (2), … (see <see cref="AtomicFile.WriteNew"/>) and returns it.</summary>
    public static string SaveNew(Func<int, string> nameFor, ModelDocument document) => AtomicFile.WriteNew(nameFor, stream => Write(stream, document));

    public static void Write(Stream stream, ModelDocument document) => JsonSerializer.Serialize(stream, document, Json);

    /// <summary>The bytes of <paramref name="preprocessing"/> as a model file writes it (at the top level: a file
    /// indents it one level deeper).</summary>
    internal static long PreprocessingBytes(Preprocessing preprocessing) => JsonSerializer.SerializeToUtf8Bytes(preprocessing, Json).LongLength;

    public static SavedModel Load(string path)
    {
        if (!File.Exists(path))
            throw new InputException(Directory.Exists(path) ? $"{path}: is a directory, not a model file" : $"{path}: file not found");
        byte[] bytes;
        try
        {
            bytes = ReadBounded(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}", e);
        }
        var document = Parse(path, bytes);
        ModelValidation.Check(path, document);
        // What only format 3 writes makes a file format 3 whatever its format_version says: otherwise turning 3 into
        // 2 would switch the document check off and every edit would load.
        if (document.FormatVersion >= FirstHashedVersion || document.DocumentSha256 is not null || document.Run is not null)
        {
            if (string.IsNullOrEmpty(document.DocumentSha256))
                throw new InputException($"{path}: damaged model file: document_sha256 is missing");
            if (!string.Equals(DocumentSha256(document), document.DocumentSha256, StringComparison.OrdinalIgnoreCase))
                throw new InputException($"{path}: damaged model file: its content does not match document_sha256 (the file was changed after it was saved)");
        }
        return FromDocument(path, document);
    }

    // Reads the file whole only when it is a regular file of a sane size: a device such as /dev/zero or a pipe
    // would otherwise be read until memory runs out.
    private static byte[] ReadBounded(string path)
    {
        using var stream = ModelFileStream.OpenRead(path);
        if (!stream.CanSeek)
            throw new InputException($"{path}: not a model file: it is not a regular file");
        long length = stream.Length;
        if (length > MaxFileBytes)
            throw new InputException($"{path}: not a model file: it is {length:N0} bytes, more than the {MaxFileBytes:N0} a model file of this trainer can be");
        if (length > PaddingCheckBytes && NonWhitespaceBytes(stream) is var content && content * MaxWhitespaceRatio < length)
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: not a model file: it is {length:N0} bytes, of which only {content:N0} are not whitespace; a model file is mostly numbers (at most {MaxWhitespaceRatio - 1} bytes of whitespace per other byte)"));
        stream.Position = 0;
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        if (stream.ReadByte() != -1)
            throw new InputException($"{path}: not a model file: it is not a regular file (it reads on past its size)");
        return bytes;
    }

    // A model file this trainer writes is indented JSON of numbers, one to a line: well over a third of its bytes are
    // not whitespace. A file padded with whitespace (900 MB of spaces around a 60 KB model) is refused after a
    // streaming count through a small buffer, before the whole file is read into memory.
    private const long PaddingCheckBytes = 1 << 20;
    private const long MaxWhitespaceRatio = 8;

    private static long NonWhitespaceBytes(Stream stream)
    {
        var buffer = new byte[1 << 16];
        long count = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            count += read - span.Count((byte)' ') - span.Count((byte)'\n') - span.Count((byte)'\r') - span.Count((byte)'\t');
        }
        return count;
    }

    internal static ModelDocument Parse(string path, byte[] bytes)
    {
        try
        {
            // A UTF-8 byte-order mark (added by some editors) is not part of the JSON.
            var text = bytes.AsMemory();
            if (text.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                text = text[3..];
            if (text.Span.Trim(" \t\r\n"u8).IsEmpty)
                throw new InputException($"{path}: not a model file: it is empty{(text.Length == 0 ? "" : " (only whitespace)")}");
            // A CSV file, or any text that is not JSON, given where a model goes.
            if (text.Span.TrimStart(" \t\r\n"u8)[0] != (byte)'{')
                throw new InputException($"{path}: not a NeuralNet model file: it is not JSON (a model file starts with '{{'); expected a model file saved by train");
            // A key given twice would let a reader and the hash see different values (the last wins in one, both count in the other).
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
                throw new InputException($"{path}: not a NeuralNet model file (it has no \"format\": \"{FormatName}\")");
            if (!root.TryGetProperty("format_version", out var version))
                throw new InputException($"{path}: damaged model file: format_version is missing");
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int number))
                throw new InputException($"{path}: damaged model file: format_version must be an integer, not {version.GetRawText()}");
            if (number is < OldestReadableVersion or > FormatVersion)
                throw new InputException($"{path}: model format_version {number} is not supported; this build reads versions {OldestReadableVersion} to {FormatVersion}");
            return root.Deserialize<ModelDocument>(Json) ?? throw new InputException($"{path}: damaged model file: it is empty");
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $"{path}:{line + 1}" : path;
            string? field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
            throw new InputException($"{where}: damaged model file: {PlainWords(e.Message, field)}", e);
        }
    }

    private static SavedModel FromDocument(string path, ModelDocument document)
    {
        var prep = document.Preprocessing;
        // No layer size can exceed the values the file holds (a width of N has at least N parameters), so a width
        // turned into 100000000 is refused before gigabytes are allocated for it.
        long values = document.Architecture.Sum(layer => (layer.Parameters?.Values.Sum(v => (long)(v?.Length ?? 0)) ?? 0)
            + (layer.Buffers?.Values.Sum(v => (long)(v?.Length ?? 0)) ?? 0));
        var layers = new List<Layer<float>>();
        // Each layer's input size is checked against what feeds it before the layer is built, so a wrong size is
        // named instead of allocating for it.
        int expected = prep.InputCount;
        for (int i = 0; i < document.Architecture.Count; i++)
        {
            var layer = Build(path, i, document.Architecture[i], document.FormatVersion, expected, values);
            layers.Add(layer);
            expected = layer.OutputSize;
        }
        Sequential<float> network;
        try
        {
            network = new Sequential<float>(layers);
        }
        catch (ArgumentException e)
        {
            throw new InputException($"{path}: damaged model file: {e.Message.Split(" (Parameter")[0]}", e);
        }

        if (prep.InputCount != network.InputSize)
            throw new InputException($"{path}: damaged model file: the network takes {network.InputSize} inputs but the preprocessing encodes {prep.Features?.Sum(f => f.Width) ?? 0}");
        if (prep.OutputCount != network.OutputSize)
            throw new InputException($"{path}: damaged model file: the network gives {network.OutputSize} outputs but the preprocessing expects {prep.OutputCount}");
        string hash = WeightsHash.Sha256(network.Parameters, network.Buffers);
        if (!string.Equals(hash, document.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new InputException($"{path}: damaged model file: the weights do not match weights_sha256");
        return new SavedModel(network, prep, document.Run, document.Metrics, hash, document.FormatVersion);
    }

    private static LayerDocument Describe(Layer<float> layer) => new()
    {
        Spec = layer.Spec,
        Inputs = layer.InputSize,
        Parameters = layer.Parameters.Count == 0 ? null : layer.NamedParameters.ToDictionary(p => p.Name, p => p.Parameter.Value.ToRowMajorArray()),
        Buffers = layer.Buffers.Count == 0 ? null : layer.NamedBuffers.ToDictionary(b => b.Name, b => b.Buffer.Value.ToRowMajorArray()),
    };

    /// <param name="expectedInputs">What feeds the layer: the preprocessing's encoded inputs, or the previous layer's outputs.</param>
    /// <param name="heldValues">How many parameter values the whole file holds.</param>
    private static Layer<float> Build(string path, int index, LayerDocument document, int version, int expectedInputs, long heldValues)
    {
        string where = $"{path}: damaged model file: layer {index} ({document.Spec ?? document.Type})";
        var (text, inputs) = version == 1 ? FormatOneSpec(path, index, document, where) : (document.Spec, Positive(document.Inputs, where, "inputs"));
        if (string.IsNullOrWhiteSpace(text))
            throw new InputException($"{where}: 'spec' is missing");
        if (inputs != expectedInputs)
            throw new InputException($"{where}: it takes {inputs} inputs but {(index == 0 ? "the preprocessing encodes" : "the layer before gives")} {expectedInputs}");

        LayerSpec spec;
        try
        {
            var specs = LayerRegistry.Parse(text);
            spec = specs.Count == 1 ? specs[0] : throw new InputException($"'{text}' is not one layer");
        }
        catch (InputException e)
        {
            throw new InputException($"{path}: unsupported layer at layer {index}: {e.Message}", e);
        }
        if (AndInner(spec).SelectMany(s => s.Arguments).FirstOrDefault(a => long.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out long size) && size > Math.Max(heldValues, 1)) is { } tooLarge)
            throw new InputException($"{where}: a size of {tooLarge} is more than the {heldValues} parameter values the file holds");

        Layer<float> layer;
        try
        {
            layer = LayerRegistry.Create(spec, inputs, LayerContext<float>.WithChosenGemm(new Random(0))); // the random initial values are overwritten below
        }
        catch (InputException e)
        {
            throw new InputException($"{path}: unsupported layer at layer {index}: {e.Message}", e);
        }
        catch (Exception e) when (e is OutOfMemoryException or OverflowException or ArgumentException)
        {
            // Sizes whose matrices cannot even be allocated.
            throw new InputException($"{where}: its size cannot be built ({e.GetType().Name})", e);
        }

        foreach (var (name, parameter) in layer.NamedParameters)
            Read(document.Parameters, "parameter", name, parameter.Value, where);
        foreach (var (name, buffer) in layer.NamedBuffers)
            Read(document.Buffers, "buffer", name, buffer.Value, where);
        if (document.Parameters?.Keys.FirstOrDefault(name => layer.NamedParameters.All(p => p.Name != name)) is { } unknown)
            throw new InputException($"{where}: unknown parameter '{unknown}'");
        if (document.Buffers?.Keys.FirstOrDefault(name => layer.NamedBuffers.All(b => b.Name != name)) is { } unknownBuffer)
            throw new InputException($"{where}: unknown buffer '{unknownBuffer}'");
        return layer;
    }

    private static IEnumerable<LayerSpec> AndInner(LayerSpec spec) => [spec, .. spec.Children.SelectMany(AndInner)];

    // Format 1 wrote a type and sizes instead of a spec, and knew only these two layers.
    private static (string? Spec, int Inputs) FormatOneSpec(string path, int index, LayerDocument document, string where) => document.Type switch
    {
        "dense" => ($"dense:{Positive(document.Outputs, where, "outputs")}", Positive(document.Inputs, where, "inputs")),
        "relu" => ("relu", Positive(document.Size, where, "size")),
        _ => throw new InputException($"{path}: unsupported layer type '{document.Type}' at layer {index}; format_version 1 knew dense and relu"),
    };

    private static int Positive(int? value, string where, string name) =>
        value is > 0 ? value.Value : throw new InputException($"{where}: '{name}' must be a positive integer");

    // Copies the saved values of a parameter or buffer (row by row) into the freshly built layer's matrix.
    private static void Read(IReadOnlyDictionary<string, float[]>? saved, string kind, string name, Matrix<float> target, string where)
    {
        if (saved is null || !saved.TryGetValue(name, out var values) || values is null)
            throw new InputException($"{where}: {kind} '{name}' is missing");
        long expected = (long)target.RowCount * target.ColumnCount;
        if (values.Length != expected)
            throw new InputException($"{where}: {kind} '{name}' has {values.Length} values; expected {expected}");
        if (Array.FindIndex(values, v => !float.IsFinite(v)) is int bad and >= 0)
            throw new InputException($"{where}: {kind} '{name}' has a non-finite value at index {bad}");
        Matrix<float>.Build.DenseOfRowMajor(target.RowCount, target.ColumnCount, values).CopyTo(target);
    }

    // System.Text.Json's messages speak of .NET types ("could not be converted to System.Nullable`1[System.Int32]",
    // "Consider updating its nullability annotation") and append "Path: … | LineNumber: …": the reader is told in
    // plain words which field is wrong and what it should be.
    private static string PlainWords(string message, string? field)
    {
        string first = message.Split(" Path: ")[0].Split(" LineNumber: ")[0].Trim();
        string key = field is null ? "a value" : $"'{field}'";
        if (DuplicateKey().Match(first) is { Success: true } duplicate)
            return $"the key '{duplicate.Groups[1].Value}' appears twice";
        if (first.Contains("could not be converted", StringComparison.Ordinal))
            return $"{key} has the wrong type{(ExpectedKind(field) is { } kind ? $"; expected {kind}" : "")}";
        if (first.Contains("null values", StringComparison.Ordinal))
            return $"{key} is null; expected a value";
        if (MissingKeys().Match(first) is { Success: true } missing)
            return $"{(field is null ? "" : $"in '{field}': ")}a required key is missing: {missing.Groups[1].Value}";
        return field is null ? first : $"{first} (at {field})";
    }

    // What a field of the model file holds, by its last name: enough to say what a wrong value should have been.
    private static string? ExpectedKind(string? field) => field?.Split('.')[^1].Split('[')[0] switch
    {
        "format_version" or "inputs" or "outputs" or "size" or "epoch" or "epochs" or "batch_size" or "seed" or "patience"
            or "k" or "rows" or "held_out" or "threads" => "an integer",
        "mean" or "scale" or "fill" or "loss" or "metric" or "validation_split" or "std" or "min_improvement" => "a number",
        "target_means" or "target_scales" => "a list of numbers",
        "format" or "spec" or "type" or "name" or "weights_sha256" or "document_sha256" or "fill_category" => "a text",
        "task" => "\"classification\" or \"regression\"",
        "is_categorical" or "stratified" => "true or false",
        "features" or "architecture" or "class_names" or "target_names" or "categories" or "dropped" or "picked" or "folds" => "a list",
        "class_weight" => "\"none\" or \"balanced\"",
        "class_weights" => "an object of numbers by class name",
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"missing required properties including: (.*?)\.?$")]
    private static partial System.Text.RegularExpressions.Regex MissingKeys();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Duplicate property '([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex DuplicateKey();
}
