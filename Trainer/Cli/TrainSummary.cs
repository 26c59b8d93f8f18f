using NeuralNet.Data;
using NeuralNet.Optimizers;
using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary>The lines a training run prints when its epochs are over: why it stopped, its best and kept epochs, and
/// its speed.</summary>
internal static class TrainSummary
{
    /// <summary>The best epoch's and the kept epoch's figures, and the speed line.</summary>
    /// <param name="best">The epoch of lowest validation loss (training loss without a validation split); null for an
    /// ensemble, whose members each kept their own.</param>
    /// <param name="kept">The epoch whose weights the model holds.</param>
    public static void Epochs(TextWriter output, TrainingResult trained, EpochResult? best, EpochResult? kept)
    {
        var outcome = trained.Outcome;
        string metric = trained.Preprocessing.Task == TaskKind.Classification ? "acc" : "r2";
        if (best is not null && kept is not null)
        {
            if (trained.HasValidation)
            {
                output.WriteLine(Invariant($"best epoch {best.Epoch}: train_loss {best.TrainLoss:0.0000}  val_loss {best.ValidationLoss:0.0000}  val_{metric} {best.ValidationMetric:0.0000}"));
                output.WriteLine(Invariant($"{(outcome.RestoredEpoch is null ? "final" : "kept")} (epoch {kept.Epoch}): val_loss {kept.ValidationLoss:0.0000}  val_{metric} {kept.ValidationMetric:0.0000}"));
            }
            else
            {
                output.WriteLine(Invariant($"best epoch {best.Epoch}: train_loss {best.TrainLoss:0.0000} (no validation split)"));
                output.WriteLine(Invariant($"{(outcome.RestoredEpoch is null ? "final" : "kept")} (epoch {kept.Epoch}): train_loss {kept.TrainLoss:0.0000}"));
            }
        }
        if (outcome.History.Count > 0)
            output.WriteLine(SpeedLine(outcome.History));
    }

    /// <summary>Why training stopped: early, on a signal, on a non-finite loss (to <paramref name="error"/>, with the
    /// settings to lower), or after its last epoch with the best weights restored.</summary>
    public static void Stop(TextWriter output, TextWriter error, TrainingResult trained)
    {
        var (outcome, request) = (trained.Outcome, trained.Used);
        string restored = outcome.RestoredEpoch is { } epoch ? $"; restored the weights of epoch {epoch}" : "";
        switch (outcome.Reason)
        {
            case StopReason.EarlyStopped:
                output.WriteLine($"early stop: no {RunLines.Improvement(request)} for {request.Patience} epochs{restored}");
                break;
            case StopReason.Interrupted:
                output.WriteLine($"interrupted after {outcome.History.Count} full epochs{restored}");
                break;
            case StopReason.NonFinite:
                error.WriteLine(Invariant($"error: {outcome.Failure!.Message}. {DivergenceHint(trained.LearningRate, request)}{restored}"));
                break;
            default:
                if (outcome.RestoredEpoch is not null)
                    output.WriteLine($"restored the weights of epoch {outcome.RestoredEpoch}, the best (--patience)");
                break;
        }
    }

    /// <summary>Names every option that scales the update: a large --weight-decay diverges as surely as a large --lr.</summary>
    private static string DivergenceHint(float learningRate, TrainingRequest request)
    {
        var causes = new List<string> { Invariant($"--lr (it was {learningRate:G6})") };
        if (request.WeightDecay > 0)
            causes.Add(Invariant($"--weight-decay (it was {request.WeightDecay:G6})"));
        if (request.Optimizer == OptimizerNames.Sgd && request.Momentum > 0)
            causes.Add(Invariant($"--momentum (it was {request.Momentum:G6})"));
        return $"Try a lower {string.Join(" or ", causes)}";
    }

    /// <summary>"speed: 257,843 samples/s on average (150 epochs, 0.071 s training)": under 80 columns.</summary>
    public static string SpeedLine(IReadOnlyList<EpochResult> history)
    {
        double seconds = history.Sum(e => e.Seconds);
        long samples = history.Sum(e => (long)e.Samples);
        string rate = seconds > 0 ? Invariant($"{samples / seconds:N0}") : "-";
        return Invariant($"speed: {rate} samples/s on average ({history.Count} epochs, {seconds:0.000} s training)");
    }
}
