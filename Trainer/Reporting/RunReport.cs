using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralNet.Training;

namespace NeuralNet.Reporting;

/// <summary>The summary of a run that <c>--report FILE.json</c> writes, for scripts.</summary>
public sealed record RunReport(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("best_epoch")] int? BestEpoch,
    [property: JsonPropertyName("val")] RunScore? Validation,
    [property: JsonPropertyName("test")] RunScore? Test,
    [property: JsonPropertyName("load_seconds")] double LoadSeconds,
    [property: JsonPropertyName("epoch_seconds")] IReadOnlyList<double> EpochSeconds,
    [property: JsonPropertyName("samples_per_second")] double SamplesPerSecond,
    [property: JsonPropertyName("weights_sha256")] string WeightsSha256)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static RunReport FromJson(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, Options) ?? throw new JsonException("empty report");

}

/// <summary>A loss and a metric (accuracy or R²) on one dataset, with the figures of <see cref="Scores"/> that apply
/// to the task: balanced accuracy, macro-F1 and log-loss (the loss) for classification, RMSE and MAE in target units
/// for regression.</summary>
public sealed record RunScore(
    [property: JsonPropertyName("loss")] double Loss,
    [property: JsonPropertyName("metric")] double Metric,
    [property: JsonPropertyName("balanced_accuracy")] double? BalancedAccuracy = null,
    [property: JsonPropertyName("macro_f1")] double? MacroF1 = null,
    [property: JsonPropertyName("log_loss")] double? LogLoss = null,
    [property: JsonPropertyName("rmse")] double? Rmse = null,
    [property: JsonPropertyName("mae")] double? Mae = null)
{
    public static RunScore From(Scores scores) => new(scores.Loss, scores.Metric, scores.BalancedAccuracy, scores.MacroF1,
        scores.BalancedAccuracy is null ? null : scores.Loss, scores.Rmse, scores.Mae);
}
