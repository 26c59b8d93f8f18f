namespace NeuralNet.Data;

/// <summary>K-fold cross-validation folds of the rows of a file, shuffled by a seed and, with labels, stratified.</summary>
public static class Folds
{
    /// <summary>The fold (0..k−1) of each of <paramref name="count"/> rows. With <paramref name="labels"/> each class's
    /// rows are shuffled and dealt to the folds in turn, continuing from fold to fold across classes, so every fold
    /// holds each class's share to within one row and the fold sizes differ by at most one; without, the rows are
    /// shuffled and dealt the same way.</summary>
    public static int[] Assign(int count, int k, Random random, int[]? labels)
    {
        if (k < 2 || k > count)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"needs 2 to {count} folds for {count} rows");
        var groups = labels is null
            ? [Enumerable.Range(0, count).ToArray()]
            : Enumerable.Range(0, count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var fold = new int[count];
        int next = 0;
        foreach (var group in groups)
        {
            random.Shuffle(group);
            foreach (int row in group)
                fold[row] = next++ % k;
        }
        return fold;
    }

    /// <summary>The smallest class's row count: stratified K-fold needs at least K rows of every class.</summary>
    public static int SmallestClass(int[] labels) => labels.GroupBy(l => l).Min(g => g.Count());
}
