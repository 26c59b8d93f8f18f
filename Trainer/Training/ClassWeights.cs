using NeuralNet.Data;
using static System.FormattableString;

namespace NeuralNet.Training;

/// <summary>--class-weight none|balanced; the model file's <c>run.class_weight</c> records it as "none" or "balanced".</summary>
public enum ClassWeighting
{
    None,

    /// <summary>scikit-learn's class_weight='balanced': rows / (classes × the class's rows), from the training split.</summary>
    Balanced,
}

/// <summary>--class-weight balanced: weights that make every class count as much in the loss as if the classes were
/// equally frequent, as scikit-learn's compute_class_weight('balanced') gives them: n_samples / (n_classes · count).</summary>
public static class ClassWeights
{
    /// <param name="labels">The class of each training sample.</param>
    /// <param name="classes">How many classes the model has; a class without training samples gets weight 0.</param>
    public static double[] Balanced(ReadOnlySpan<int> labels, int classes)
    {
        var counts = new int[classes];
        foreach (int label in labels)
            counts[label]++;
        int present = counts.Count(c => c > 0);
        double samples = labels.Length;
        // scikit-learn divides by the classes present in y; a class the split left without samples cannot be weighted.
        return [.. counts.Select(c => c == 0 ? 0 : samples / (present * c))];
    }

    /// <summary>Weighs each sample of <paramref name="train"/> by its class's weight, by scaling its one-hot target: the
    /// fused softmax cross-entropy's loss −Σ t·log p and gradient p·Σt − t then both carry the weight, as a per-sample
    /// weight in scikit-learn's loss does. Only the training split is weighted; validation and test losses stay the
    /// plain log-loss.</summary>
    public static void Apply(Dataset train, IReadOnlyList<double> weights)
    {
        var labels = train.Labels ?? throw new ArgumentException("class weights need a classification dataset", nameof(train));
        for (int i = 0; i < labels.Length; i++)
            train.Targets[i * train.OutputCount + labels[i]] = (float)weights[labels[i]];
    }

    /// <summary>"common 0.37, rare 4.2, very_rare 16.7": each class's weight, three decimals at most.</summary>
    public static string Text(IEnumerable<string> classNames, IEnumerable<double> weights) =>
        string.Join(", ", classNames.Zip(weights, (name, weight) => Invariant($"{name} {weight:0.###}")));
}
