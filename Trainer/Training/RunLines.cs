using System.Globalization;
using NeuralNet.Layers;
using static System.FormattableString;

namespace NeuralNet.Training;

/// <summary>The lines a training run prints about its network, its controls and its epochs.</summary>
public static class RunLines
{
    /// <param name="hasValidation">False without a validation split: the validation columns, all NaN, are left out.</param>
    public static string EpochHeader(int epochs, string metric, bool hasValidation = true)
    {
        int width = EpochColumnWidth(epochs);
        string validation = hasValidation ? Invariant($"  {"val_loss",10}  {"val_" + metric,8}") : "";
        return Invariant($"{"epoch".PadLeft(width)}  {"train_loss",10}{validation}  {"seconds",8}  {"samples/s",10}");
    }

    /// <param name="changedRate">The learning rate of this epoch when it differs from the previous epoch's; the
    /// row then ends with "lr X". Without a validation split the validation columns are left out; an epoch
    /// shorter than <see cref="EpochResult.TimedSeconds"/> shows no samples/s (the summary gives the average).</param>
    public static string FormatEpoch(EpochResult e, int epochs, double? changedRate = null)
    {
        string epoch = Invariant($"{e.Epoch}/{epochs}").PadLeft(EpochColumnWidth(epochs));
        string rate = changedRate is { } lr ? Invariant($"  lr {lr:G6}") : "";
        string validation = e.HasValidation ? Invariant($"  {e.ValidationLoss,10:0.0000}  {e.ValidationMetric,8:0.0000}") : "";
        string speed = e.Seconds >= EpochResult.TimedSeconds ? Invariant($"{e.SamplesPerSecond,10:N0}") : new string(' ', 10);
        string row = Invariant($"{epoch}  {e.TrainLoss,10:0.0000}{validation}  {e.Seconds,8:0.000}  {speed}{rate}");
        return rate.Length == 0 ? row.TrimEnd() : row;
    }

    /// <summary>"; lr ×0.5 after 3 epochs without a lower val_loss; early stopping after …": the schedule and early
    /// stopping, for the end of the optimizer line.</summary>
    public static string Controls(TrainingRequest request)
    {
        var settings = request.Schedule;
        string schedule = settings.Kind switch
        {
            LearningRateScheduleKind.Step => Invariant($"; lr ×{settings.Gamma} every {settings.StepEpochs} epochs"),
            LearningRateScheduleKind.Plateau => Invariant($"; lr ×{settings.Factor} after {settings.Patience} epochs without a lower val_loss"),
            LearningRateScheduleKind.Cosine => Invariant($"; cosine lr over {request.Epochs} epochs{(settings.WarmupEpochs is > 0 and var warmup ? $" after {warmup} of warm-up" : "")}"),
            _ => "",
        };
        return schedule + (request.Patience is { } patience ? $"; early stopping after {patience} epochs without a {Improvement(request, "val_loss")}" : "");
    }

    /// <summary>What counts as an improvement for early stopping: "lower validation loss", or "validation loss 0.1 % below
    /// the best" when the picked recipe asks for a margin.</summary>
    public static string Improvement(TrainingRequest request, string loss = "validation loss") =>
        request.MinImprovement > 0 ? Invariant($"{loss} {request.MinImprovement * 100:0.###} % below the best") : $"lower {loss}";

    /// <summary>"4 → dense 64 → relu → dense 3".</summary>
    public static string Describe(Sequential<float> model) =>
        model.InputSize + " → " + string.Join(" → ", model.Layers.Select(layer => layer.Summary));

    private static int EpochColumnWidth(int epochs) => Math.Max(5, 2 * epochs.ToString(CultureInfo.InvariantCulture).Length + 1);
}
