namespace NeuralNet.Training;

/// <summary>The loss turned NaN or ±∞: training cannot go on from these weights.</summary>
/// <param name="batch">1-based batch of the epoch; null when it was the validation loss after the epoch.</param>
/// <param name="layer">The first layer whose output was non-finite on that batch, described, or why none was.</param>
public sealed class NonFiniteLossException(int epoch, int? batch, string layer)
    : Exception($"the loss became non-finite at epoch {epoch}, {(batch is { } b ? $"batch {b}" : "on the validation split")}; first non-finite output: {layer}")
{
    public int Epoch { get; } = epoch;

    public int? Batch { get; } = batch;

    public string Layer { get; } = layer;
}
