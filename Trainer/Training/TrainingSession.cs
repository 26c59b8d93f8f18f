using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Optimizers;

namespace NeuralNet.Training;

public enum StopReason
{
    /// <summary>Ran every epoch.</summary>
    Completed,

    /// <summary>--patience epochs passed without a better validation loss.</summary>
    EarlyStopped,

    /// <summary>The cancellation token (Ctrl+C) was set.</summary>
    Interrupted,

    /// <summary>The loss became NaN or ±∞.</summary>
    NonFinite,
}

/// <summary>How a run of epochs ended.</summary>
/// <param name="RestoredEpoch">The epoch whose weights the model holds now when they were restored from the best
/// snapshot; null when it holds the last epoch's weights (or, after a non-finite loss before any epoch ended, none worth keeping).</param>
/// <param name="Failure">The non-finite loss, when that was the reason.</param>
/// <param name="BestEpoch">The epoch of lowest validation loss (training loss without a validation split) among those
/// that ended with finite weights; null when there is none. Decided here only, by <see cref="BestWeights"/>.</param>
public sealed record TrainingOutcome(IReadOnlyList<EpochResult> History, StopReason Reason, int? RestoredEpoch, NonFiniteLossException? Failure, int? BestEpoch = null)
{
    /// <summary>False when no epoch finished (a non-finite loss or an interrupt in the first one), or when a non-finite
    /// loss left no snapshot of finite weights to go back to: nothing worth keeping.</summary>
    public bool HasUsableWeights => RestoredEpoch is not null || (History.Count > 0 && Reason != StopReason.NonFinite);
}

/// <summary>
/// Runs epochs with the controls around them: the learning-rate schedule, early stopping, cancellation and the
/// non-finite-loss stop. It keeps the weights of the best epoch (lowest validation loss, or training loss without a
/// validation split) and puts them back when stopping early, when interrupted, after a non-finite loss, and, with
/// <paramref name="patience"/>, at the end.
/// </summary>
/// <param name="minImprovement">For early stopping, an epoch improves only when its loss is below the best so far by
/// this share of it (0.001: 0.1 %); 0 counts any lower loss. The weights kept are still those of the lowest loss.</param>
public sealed class TrainingSession(Sequential<float> model, TrainingLoop loop, IOptimizer<float> optimizer, LearningRateSchedule schedule, int? patience,
    double minImprovement = 0)
{
    /// <param name="onEpoch">Called after each epoch with its result and the learning rate it ran with when that
    /// differs from the previous epoch's (null otherwise).</param>
    public TrainingOutcome Run(int epochs, Dataset train, Dataset validation, Action<EpochResult, double?> onEpoch, CancellationToken cancel)
    {
        var best = new BestWeights(model);
        var history = new List<EpochResult>();
        bool hasValidation = validation.Count > 0;
        double rate = double.CreateChecked(optimizer.LearningRate);
        double previousRate = rate;
        var reason = StopReason.Completed;
        NonFiniteLossException? failure = null;
        // The last epoch that improved by at least minImprovement, and its loss: what patience counts from.
        int improvedEpoch = 0;
        double improvedLoss = double.PositiveInfinity;
        try
        {
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                optimizer.LearningRate = (float)rate;
                var result = loop.RunEpoch(epoch, train, validation, cancel) with { LearningRate = rate };
                history.Add(result);
                // The training loss is measured before each step's update, so it says nothing of the weights the epoch
                // ends with; without a validation pass, check those on one chunk before keeping them as the best.
                bool endWeightsFinite = hasValidation || double.IsFinite(loop.FirstChunkLoss(train));
                double loss = !endWeightsFinite ? double.NaN : hasValidation ? result.ValidationLoss : result.TrainLoss;
                best.Offer(epoch, loss);
                if (double.IsPositiveInfinity(improvedLoss) ? loss < improvedLoss : loss < improvedLoss - minImprovement * Math.Abs(improvedLoss))
                    (improvedEpoch, improvedLoss) = (epoch, loss);
                onEpoch(result, rate != previousRate ? rate : null);
                if (patience is { } wait && epoch - improvedEpoch >= wait && epoch < epochs)
                {
                    reason = StopReason.EarlyStopped;
                    break;
                }
                previousRate = rate;
                rate = schedule.Next(epoch, result.ValidationLoss, rate);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            reason = StopReason.Interrupted;
        }
        catch (NonFiniteLossException e)
        {
            (reason, failure) = (StopReason.NonFinite, e);
        }

        bool restore = best.HasSnapshot && (reason != StopReason.Completed || patience is not null);
        if (restore)
            best.Restore();
        return new TrainingOutcome(history, reason, restore ? best.Epoch : null, failure, best.HasSnapshot ? best.Epoch : null);
    }
}
