namespace NeuralNet.Training;

/// <summary>
/// The metrics that imbalanced classes need, computed from a confusion matrix as scikit-learn computes them: over the
/// classes present in the truth or the predictions (a class absent from both is left out, not counted as 0).
/// </summary>
public static class ClassMetrics
{
    /// <summary>The mean of the per-class recalls over the classes present in the truth (scikit-learn's
    /// balanced_accuracy_score): 1/K for any constant prediction, where plain accuracy rewards the majority class.</summary>
    public static double BalancedAccuracy(ConfusionMatrix matrix)
    {
        var recalls = Enumerable.Range(0, matrix.Classes).Where(k => matrix.Support(k) > 0).Select(matrix.Recall).ToArray();
        return recalls.Length == 0 ? double.NaN : recalls.Average();
    }

    /// <summary>The unweighted mean of the per-class F1 = 2·TP / (2·TP + FP + FN) over the classes present in the truth
    /// or the predictions (scikit-learn's f1_score(average='macro'), zero_division 0).</summary>
    public static double MacroF1(ConfusionMatrix matrix)
    {
        var f1 = new List<double>();
        for (int k = 0; k < matrix.Classes; k++)
        {
            int truePositives = matrix[k, k];
            int predicted = Enumerable.Range(0, matrix.Classes).Sum(t => matrix[t, k]);
            int actual = matrix.Support(k);
            if (predicted == 0 && actual == 0)
                continue;
            // 2·TP + FP + FN = predicted + actual.
            f1.Add(2.0 * truePositives / (predicted + actual));
        }
        return f1.Count == 0 ? double.NaN : f1.Average();
    }
}
