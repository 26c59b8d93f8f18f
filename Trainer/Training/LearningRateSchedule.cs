namespace NeuralNet.Training;

/// <summary>Decides the learning rate of the next epoch from the one that just ended.</summary>
public abstract class LearningRateSchedule
{
    /// <param name="epoch">The epoch that ended, 1-based.</param>
    /// <param name="validationLoss">Its validation loss (plateau watches it).</param>
    /// <param name="rate">The rate it ran with.</param>
    public abstract double Next(int epoch, double validationLoss, double rate);

    public static LearningRateSchedule For(LearningRateScheduleSettings settings) => settings.Kind switch
    {
        LearningRateScheduleKind.Step => new StepSchedule(settings.StepEpochs, settings.Gamma),
        LearningRateScheduleKind.Plateau => new PlateauSchedule(settings.Patience, settings.Factor, settings.Threshold),
        _ => new ConstantSchedule(),
    };
}

public sealed class ConstantSchedule : LearningRateSchedule
{
    public override double Next(int epoch, double validationLoss, double rate) => rate;
}

/// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="every"/> epochs (PyTorch's StepLR).</summary>
public sealed class StepSchedule(int every, double gamma) : LearningRateSchedule
{
    public override double Next(int epoch, double validationLoss, double rate) => epoch % every == 0 ? rate * gamma : rate;
}

/// <summary>Multiplies the rate by <paramref name="factor"/> once the validation loss has not improved for
/// <paramref name="patience"/> epochs, then waits as long again (PyTorch's ReduceLROnPlateau in relative threshold
/// mode, without cooldown).</summary>
/// <param name="threshold">A loss counts as lower only when below the best by this share of it; 0 counts any lower loss.</param>
public sealed class PlateauSchedule(int patience, double factor, double threshold = 0) : LearningRateSchedule
{
    private double _best = double.PositiveInfinity;
    private int _epochsWithoutImprovement;

    public override double Next(int epoch, double validationLoss, double rate)
    {
        if (double.IsPositiveInfinity(_best) ? validationLoss < _best : validationLoss < _best - threshold * Math.Abs(_best))
        {
            (_best, _epochsWithoutImprovement) = (validationLoss, 0);
            return rate;
        }
        if (++_epochsWithoutImprovement < patience)
            return rate;
        _epochsWithoutImprovement = 0;
        return rate * factor;
    }
}
