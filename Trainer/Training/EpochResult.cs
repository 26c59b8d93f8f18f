namespace NeuralNet.Training;

/// <summary>One epoch's figures. Validation figures are NaN when there is no validation split.</summary>
/// <param name="Seconds">Wall time of the training pass (validation not included).</param>
/// <param name="LearningRate">The rate the epoch's steps used (set by the session that runs the schedule).</param>
public sealed record EpochResult(int Epoch, double TrainLoss, double ValidationLoss, double ValidationMetric, double Seconds, int Samples,
    double LearningRate = double.NaN)
{
    /// <summary>Below this an epoch's samples/s is mostly timer noise, and is not printed per epoch.</summary>
    public const double TimedSeconds = 0.001;

    public bool HasValidation => !double.IsNaN(ValidationLoss);

    public double SamplesPerSecond => Samples / Seconds;
}
