namespace NeuralNet.Training;

/// <summary>
/// Every figure a scored dataset gets. Classification: accuracy, balanced accuracy, macro-F1 and the log-loss (the
/// mean cross-entropy, which is the loss). Regression: R², and the root mean squared and mean absolute errors in the
/// target's own units (the loss is the mean squared error of the standardised target). Figures that do not apply
/// to the task are null.
/// </summary>
/// <param name="Metric">Accuracy for classification, R² for regression: the figure the epoch table prints.</param>
public sealed record Scores(double Loss, double Metric, double? BalancedAccuracy = null, double? MacroF1 = null, double? Rmse = null, double? Mae = null)
{
    public static Scores Classification(double logLoss, ConfusionMatrix matrix)
    {
        int correct = Enumerable.Range(0, matrix.Classes).Sum(k => matrix[k, k]);
        int total = Enumerable.Range(0, matrix.Classes).Sum(matrix.Support);
        return new Scores(logLoss, total == 0 ? double.NaN : (double)correct / total,
            ClassMetrics.BalancedAccuracy(matrix), ClassMetrics.MacroF1(matrix));
    }

    /// <param name="predicted">The model's outputs, (outputs, rows) column-major, standardised.</param>
    /// <param name="target">The targets, the same shape, standardised.</param>
    /// <param name="scales">Each target's standard deviation: the standardised errors times it are in target units.</param>
    public static Scores Regression(double loss, double rSquared, ReadOnlySpan<float> predicted, ReadOnlySpan<float> target, IReadOnlyList<float> scales)
    {
        int outputs = scales.Count;
        var squared = new double[outputs];
        var absolute = new double[outputs];
        for (int i = 0; i < predicted.Length; i++)
        {
            double error = ((double)predicted[i] - target[i]) * scales[i % outputs];
            squared[i % outputs] += error * error;
            absolute[i % outputs] += Math.Abs(error);
        }
        int rows = predicted.Length / outputs;
        // Averaged over the outputs as scikit-learn's 'uniform_average': RMSE is the root of the mean of the MSEs.
        return new Scores(loss, rSquared,
            Rmse: Math.Sqrt(squared.Average() / rows),
            Mae: absolute.Average() / rows);
    }
}
