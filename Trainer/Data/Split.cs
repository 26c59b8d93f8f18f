namespace NeuralNet.Data;

/// <summary>The seeded, shuffled train/validation split of the rows of a file.</summary>
public static class Split
{
    /// <summary>Splits row indices; with <paramref name="labels"/> the split is stratified: each class keeps the same
    /// share of its rows for validation (rounded), and at least one for training.</summary>
    /// <returns>Row indices in ascending order for each part.</returns>
    public static (int[] Train, int[] Validation) Rows(int count, double validationFraction, Random random, int[]? labels)
    {
        if (validationFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be in [0, 1)");
        var groups = labels is null
            ? [Enumerable.Range(0, count).ToArray()]
            : Enumerable.Range(0, count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();

        var train = new List<int>(count);
        var validation = new List<int>();
        foreach (var group in groups)
        {
            random.Shuffle(group);
            int take = Math.Min((int)Math.Round(group.Length * validationFraction), group.Length - 1);
            validation.AddRange(group.AsSpan(0, take));
            train.AddRange(group.AsSpan(take));
        }
        train.Sort();
        validation.Sort();
        return ([.. train], [.. validation]);
    }
}
