namespace NeuralNet.Training;

/// <summary>One epoch's figures. Validation figures are NaN when there is no validation split.</summary>
/// <param name="Seconds">Wall time of the training pass (validation not included).</param>
public sealed record EpochResult(int Epoch, double TrainLoss, double ValidationLoss, double ValidationMetric, double Seconds, int Samples)
{
    public double SamplesPerSecond => Samples / Seconds;
}
