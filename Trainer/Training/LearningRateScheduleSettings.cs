namespace NeuralNet.Training;

public enum LearningRateScheduleKind
{
    Constant,
    Step,
    Plateau,

    /// <summary>A linear warm-up over <see cref="LearningRateScheduleSettings.WarmupEpochs"/>, then half a cosine from
    /// the rate down towards 0 at the last epoch.</summary>
    Cosine,
}

/// <summary>Which learning-rate schedule a run uses, with its settings (the ones of the other kinds are unused).</summary>
/// <param name="StepEpochs">step: the rate is multiplied by <paramref name="Gamma"/> every this many epochs.</param>
/// <param name="Patience">plateau: the rate is multiplied by <paramref name="Factor"/> after this many epochs without a lower validation loss.</param>
/// <param name="Threshold">plateau: a validation loss counts as lower only when below the best by this share of it
/// (PyTorch's ReduceLROnPlateau threshold, relative mode); 0 counts any lower loss.</param>
/// <param name="WarmupEpochs">cosine: epochs over which the rate grows linearly to its full value; null (none) is
/// left out of the model file's run record, so that files saved before the cosine schedule re-hash the same.</param>
public sealed record LearningRateScheduleSettings(
    LearningRateScheduleKind Kind = LearningRateScheduleKind.Constant,
    int StepEpochs = 30,
    double Gamma = 0.1,
    int Patience = 5,
    double Factor = 0.5,
    double Threshold = 0,
    int? WarmupEpochs = null);
