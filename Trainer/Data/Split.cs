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
        var groups = labels is null ? [Enumerable.Range(0, count).ToArray()] : ByLabel(count, labels);

        return Take(groups, random, g => Math.Min((int)Math.Round(g.Length * validationFraction), g.Length - 1), count);
    }

    /// <summary>
    /// The split of a training file, stratified for classification when that gives what was asked: when the
    /// classes are so small that rounding per class holds out a share more than <see cref="MaxShareDrift"/> away
    /// from <paramref name="validationFraction"/> (1,000 classes of 3 rows: 33% for 20%), the rows are split as one
    /// shuffled group instead. Either way a note says so, as it does when some classes get no validation row.
    /// </summary>
    /// <returns>The parts, in ascending order, and a note for the summary, or null.</returns>
    public static (int[] Train, int[] Validation, string? Note) Plan(int count, double validationFraction, Random random, int[]? labels)
    {
        if (labels is null || validationFraction == 0)
        {
            var (train, validation) = Rows(count, validationFraction, random, labels);
            return (train, validation, null);
        }
        var groups = ByLabel(count, labels);
        int Stratified(int[] g) => Math.Min((int)Math.Round(g.Length * validationFraction), g.Length - 1);
        int held = groups.Sum(Stratified);
        double share = (double)held / count;
        if (Math.Abs(share - validationFraction) > MaxShareDrift)
        {
            var (train, validation) = Rows(count, validationFraction, random, null);
            return (train, validation, FormattableString.Invariant(
                $"split: a stratified split of {groups.Length} classes (as few as {groups.Min(g => g.Length)} rows each) would hold out {share * 100:0}% of the rows instead of {validationFraction * 100:0.#}%; the rows were split without stratification"));
        }
        int empty = groups.Count(g => Stratified(g) == 0);
        var (strain, svalidation) = Take(groups, random, Stratified, count);
        string? note = empty == 0 || held == 0 ? null : FormattableString.Invariant(
            $"split: {empty} of {groups.Length} classes have too few rows to hold one out; they have no validation row (the split is stratified)");
        return (strain, svalidation, note);
    }

    /// <summary>How far the held-out share may be from the one asked before a stratified split is given up.</summary>
    public const double MaxShareDrift = 0.05;

    /// <summary>The rows 0..count-1 grouped by label, the groups in ascending label order and each group's rows in
    /// ascending order (as GroupBy then OrderBy gives them, in two passes instead of a hash per row).</summary>
    private static int[][] ByLabel(int count, int[] labels)
    {
        var rows = labels.AsSpan(0, count);
        if (rows.IsEmpty)
            return [];
        int min = int.MaxValue, max = int.MinValue;
        foreach (int label in rows)
            (min, max) = (Math.Min(min, label), Math.Max(max, label));
        if ((long)max - min >= count)
            return [.. Enumerable.Range(0, count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray())];
        var sizes = new int[max - min + 1];
        foreach (int label in rows)
            sizes[label - min]++;
        var groups = sizes.Select(size => new int[size]).ToArray();
        var filled = new int[sizes.Length];
        for (int i = 0; i < count; i++)
        {
            int g = labels[i] - min;
            groups[g][filled[g]++] = i;
        }
        return [.. groups.Where(group => group.Length > 0)];
    }

    private static (int[] Train, int[] Validation) Take(int[][] groups, Random random, Func<int[], int> validationRows, int count)
    {
        // The held-out rows are marked, then both parts read off in ascending order (no sort of millions of rows).
        var heldOut = new bool[count];
        int held = 0;
        foreach (var group in groups)
        {
            random.Shuffle(group);
            int take = validationRows(group);
            foreach (int row in group.AsSpan(0, take))
                heldOut[row] = true;
            held += take;
        }
        var train = new int[count - held];
        var validation = new int[held];
        int t = 0, v = 0;
        for (int row = 0; row < count; row++)
        {
            if (heldOut[row])
                validation[v++] = row;
            else
                train[t++] = row;
        }
        return (train, validation);
    }
}
