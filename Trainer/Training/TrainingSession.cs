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
    private readonly BestWeights _best = new(model);
    private readonly List<EpochResult> _history = [];
    private StopReason _reason = StopReason.Completed;
    private NonFiniteLossException? _failure;
    private bool _started, _stopped;
    private double _rate;
    // The last epoch that improved by at least minImprovement, and its loss: what patience counts from.
    private int _improvedEpoch;
    private double _improvedLoss = double.PositiveInfinity;

    /// <summary>The epochs run so far.</summary>
    public IReadOnlyList<EpochResult> History => _history;

    /// <summary>True once the session has stopped: early, on an interrupt, on a non-finite loss, or at its last epoch.</summary>
    public bool Stopped => _stopped;

    /// <param name="onEpoch">Called after each epoch with its result and the learning rate it ran with when that
    /// differs from the previous epoch's (null otherwise).</param>
    public TrainingOutcome Run(int epochs, Dataset train, Dataset validation, Action<EpochResult, double?> onEpoch, CancellationToken cancel)
    {
        for (int epoch = 1; epoch <= epochs && !_stopped; epoch++)
        {
            if (RunEpoch(epoch, epochs, train, validation, cancel) is { } result)
                onEpoch(result, ChangedRate);
        }
        return Finish();
    }

    /// <summary>The rate of the epoch that just ran when it differs from the one before; null otherwise.</summary>
    public double? ChangedRate => _history.Count > 1 && _history[^1].LearningRate != _history[^2].LearningRate ? _history[^1].LearningRate : null;

    /// <summary>Runs epoch <paramref name="epoch"/> of <paramref name="epochs"/> (they are run in order from 1) with
    /// the controls around it; returns its result, or null when the session stopped inside it (an interrupt, a
    /// non-finite loss). After it, <see cref="Stopped"/> says whether to go on.</summary>
    public EpochResult? RunEpoch(int epoch, int epochs, Dataset train, Dataset validation, CancellationToken cancel)
    {
        if (_stopped)
            throw new InvalidOperationException("the session has stopped");
        if (!_started)
        {
            _rate = schedule.First(double.CreateChecked(optimizer.LearningRate));
            _started = true;
        }
        bool hasValidation = validation.Count > 0;
        try
        {
            optimizer.LearningRate = (float)_rate;
            var result = loop.RunEpoch(epoch, train, validation, cancel) with { LearningRate = _rate };
            _history.Add(result);
            // The training loss is measured before each step's update, so it says nothing of the weights the epoch
            // ends with; without a validation pass, check those on one chunk before keeping them as the best.
            bool endWeightsFinite = hasValidation || double.IsFinite(loop.FirstChunkLoss(train));
            double loss = !endWeightsFinite ? double.NaN : hasValidation ? result.ValidationLoss : result.TrainLoss;
            _best.Offer(epoch, loss);
            if (double.IsPositiveInfinity(_improvedLoss) ? loss < _improvedLoss : loss < _improvedLoss - minImprovement * Math.Abs(_improvedLoss))
                (_improvedEpoch, _improvedLoss) = (epoch, loss);
            if (patience is { } wait && epoch - _improvedEpoch >= wait && epoch < epochs)
                (_reason, _stopped) = (StopReason.EarlyStopped, true);
            else if (epoch >= epochs)
                _stopped = true;
            else
                _rate = schedule.Next(epoch, result.ValidationLoss, _rate);
            return result;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            (_reason, _stopped) = (StopReason.Interrupted, true);
        }
        catch (NonFiniteLossException e)
        {
            (_reason, _failure, _stopped) = (StopReason.NonFinite, e, true);
        }
        return null;
    }

    /// <summary>Ends the session: puts back the best epoch's weights when it stopped early, was interrupted, hit a
    /// non-finite loss, or has a patience; says how it ended.</summary>
    public TrainingOutcome Finish()
    {
        bool restore = _best.HasSnapshot && (_reason != StopReason.Completed || patience is not null);
        if (restore)
            _best.Restore();
        return new TrainingOutcome(_history, _reason, restore ? _best.Epoch : null, _failure, _best.HasSnapshot ? _best.Epoch : null);
    }
}
