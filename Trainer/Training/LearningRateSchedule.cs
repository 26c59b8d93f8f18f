namespace NeuralNet.Training;

/// <summary>Decides the learning rate of the next epoch from the one that just ended.</summary>
public abstract class LearningRateSchedule
{
    /// <param name="epoch">The epoch that ended, 1-based.</param>
    /// <param name="validationLoss">Its validation loss (plateau watches it).</param>
    /// <param name="rate">The rate it ran with.</param>
    public abstract double Next(int epoch, double validationLoss, double rate);

    /// <summary>The rate of the first epoch, given the run's rate.</summary>
    public virtual double First(double rate) => rate;

    /// <param name="epochs">The run's epochs, over which a cosine schedule decays.</param>
    public static LearningRateSchedule For(LearningRateScheduleSettings settings, int epochs = 0) => settings.Kind switch
    {
        LearningRateScheduleKind.Cosine => new CosineSchedule(epochs, settings.WarmupEpochs ?? 0),
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

/// <summary>A linear warm-up to the full rate over <paramref name="warmup"/> epochs, then half a cosine that reaches 0
/// one epoch after the last (so the last epoch still learns a little): epoch e after the warm-up runs at
/// rate · (1 + cos(π · (e − warmup − 1) / (epochs − warmup))) / 2.</summary>
public sealed class CosineSchedule(int epochs, int warmup) : LearningRateSchedule
{
    private double _full = double.NaN;

    public override double First(double rate)
    {
        _full = rate;
        return RateOf(1);
    }

    public override double Next(int epoch, double validationLoss, double rate) => RateOf(epoch + 1);

    private double RateOf(int epoch)
    {
        if (epoch <= warmup)
            return _full * epoch / (warmup + 1);
        int decaying = Math.Max(1, epochs - warmup);
        return _full * (1 + Math.Cos(Math.PI * (epoch - warmup - 1) / decaying)) / 2;
    }
}
