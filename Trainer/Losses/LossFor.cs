using NeuralNet.Data;

namespace NeuralNet.Losses;

public static class LossFor
{
    /// <summary>Softmax cross-entropy for classification, mean squared error (on the standardised target) for regression.</summary>
    public static ILoss<float> Task(Preprocessing preprocessing) =>
        preprocessing.Task == TaskKind.Classification
            ? new SoftmaxCrossEntropy<float>(preprocessing.OutputCount)
            : new MeanSquaredError<float>(preprocessing.OutputCount);
}
