namespace NeuralNet.Training;

/// <summary>Counts of (true class, predicted class) pairs, with per-class precision and recall.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts; // [true, predicted]

    public ConfusionMatrix(int classes, ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        if (truth.Length != predicted.Length)
            throw new ArgumentException($"{truth.Length} true labels but {predicted.Length} predictions", nameof(predicted));
        Classes = classes;
        _counts = new int[classes, classes];
        for (int i = 0; i < truth.Length; i++)
            _counts[truth[i], predicted[i]]++;
    }

    public int Classes { get; }

    public int this[int truth, int predicted] => _counts[truth, predicted];

    /// <summary>Of the samples predicted as <paramref name="k"/>, the share that are; NaN when none were predicted.</summary>
    public double Precision(int k) => Ratio(_counts[k, k], Enumerable.Range(0, Classes).Sum(t => _counts[t, k]));

    /// <summary>Of the samples of class <paramref name="k"/>, the share predicted as it; NaN when there are none.</summary>
    public double Recall(int k) => Ratio(_counts[k, k], Support(k));

    public int Support(int k) => Enumerable.Range(0, Classes).Sum(p => _counts[k, p]);

    private static double Ratio(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;
}
