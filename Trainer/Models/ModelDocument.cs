using NeuralNet.Data;
using NeuralNet.Reporting;

namespace NeuralNet.Models;

/// <summary>
/// The model file as JSON (snake_case keys): what the network is, its exact weights, and how to turn a CSV row into
/// its input. <see cref="ModelSerializer"/> converts between this and a live model.
/// </summary>
public sealed record ModelDocument
{
    /// <summary>Always <see cref="ModelSerializer.FormatName"/>: tells a model file from any other JSON.</summary>
    public required string Format { get; init; }

    public required int FormatVersion { get; init; }

    /// <summary>The layers in model order.</summary>
    public required IReadOnlyList<LayerDocument> Architecture { get; init; }

    /// <summary>Serialized whole, so every fitted step (scalers, class names, category maps…) travels with the model.</summary>
    public required Preprocessing Preprocessing { get; init; }

    /// <summary>How the weights were trained (format 3; format 2's <c>training</c> section held command-line options and is not read).</summary>
    public TrainingRecord? Run { get; init; }

    public ModelMetrics? Metrics { get; init; }

    /// <summary>SHA-256 of the weights, then the buffers, as raw little-endian floats in model order (see <see cref="WeightsHash"/>).</summary>
    public required string WeightsSha256 { get; init; }

    /// <summary>Format 3: SHA-256 of the rest of the document (see <see cref="ModelSerializer.DocumentSha256"/>), checked on load.</summary>
    public string? DocumentSha256 { get; init; }
}

/// <summary>One layer: <c>{"spec":"dense:64","inputs":4,"parameters":{"weight":[…],"bias":[…]}}</c> or
/// <c>{"spec":"relu","inputs":64}</c>. The spec rebuilds the layer through <see cref="NeuralNet.Layers.LayerRegistry"/>;
/// each parameter is its matrix flattened row by row (a dense weight is (outputs, inputs)).
/// Format 1 files wrote <c>{"type":"dense","inputs":4,"outputs":64,…}</c> and <c>{"type":"relu","size":64}</c>
/// instead of a spec; they are still read.</summary>
public sealed record LayerDocument
{
    public string? Spec { get; init; }

    /// <summary>Format 1 only.</summary>
    public string? Type { get; init; }

    public int? Inputs { get; init; }

    /// <summary>Format 1 only.</summary>
    public int? Outputs { get; init; }

    /// <summary>Format 1 only.</summary>
    public int? Size { get; init; }

    public IReadOnlyDictionary<string, float[]>? Parameters { get; init; }

    /// <summary>State that is not learned (batchnorm's running_mean and running_var), flattened as the parameters
    /// are; absent for a layer without any. A layer that holds layers names its children's parameters and buffers
    /// with their place: "0.weight", "1.0.running_mean".</summary>
    public IReadOnlyDictionary<string, float[]>? Buffers { get; init; }
}

/// <summary>The figures of the saved weights at the end of training.</summary>
/// <param name="Metric">"accuracy" or "r2".</param>
/// <param name="Epoch">The epoch whose weights were saved.</param>
/// <param name="Validation">Loss and metric on the validation split, when there was one.</param>
/// <param name="Test">Loss and metric on the --test file, when one was given.</param>
public sealed record ModelMetrics(string Metric, int Epoch, RunScore? Validation, RunScore? Test);
