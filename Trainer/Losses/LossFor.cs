using NeuralNet.Data;

namespace NeuralNet.Losses;

public static class LossFor
{
    /// <summary>Softmax cross-entropy for classification, mean squared error (on the standardised target) for regression.</summary>
    /// <param name="labelSmoothing">Classification: the label smoothing ε of the training loss (0 for none; scoring
    /// always uses plain cross-entropy). Ignored for a regression.</param>
    public static ILoss<float> Task(Preprocessing preprocessing, double labelSmoothing = 0) =>
        preprocessing.Task == TaskKind.Classification
            ? new SoftmaxCrossEntropy<float>(preprocessing.OutputCount, labelSmoothing)
            : new MeanSquaredError<float>(preprocessing.OutputCount);
}
