namespace NeuralNet.Benchmarks;

/// <summary>80/20 splits of a CSV file by whole lines (the header repeated in both halves), so the files keep the
/// original dialect (delimiter, decimal commas, quoting) byte for byte. The benchmark's files have no quoted line
/// breaks, which a line split would cut.</summary>
internal static class QualitySplits
{
    public const double TestShare = 0.2;

    /// <summary>The train and test files of <paramref name="dataset"/> for <paramref name="seed"/>, written under
    /// <paramref name="folder"/> the first time and reused after (they depend only on the file and the seed).</summary>
    public static (string Train, string Test) For(QualityDataset dataset, int seed, string folder)
    {
        if (dataset.TestFile is not null)
            return (dataset.File, dataset.TestFile);
        string train = Path.Combine(folder, $"{dataset.Name}-seed{seed}-train.csv");
        string test = Path.Combine(folder, $"{dataset.Name}-seed{seed}-test.csv");
        if (File.Exists(train) && File.Exists(test) && File.GetLastWriteTimeUtc(train) > File.GetLastWriteTimeUtc(dataset.File))
            return (train, test);

        Directory.CreateDirectory(folder);
        string[] lines = [.. File.ReadLines(dataset.File).Where(line => line.Length > 0)];
        int[] rows = [.. Enumerable.Range(1, lines.Length - 1)];
        new Random(seed).Shuffle(rows);
        int testCount = (int)Math.Round(rows.Length * TestShare);
        // Each half keeps the file's row order, as a user's own split usually does.
        File.WriteAllLines(test, [lines[0], .. rows[..testCount].Order().Select(r => lines[r])]);
        File.WriteAllLines(train, [lines[0], .. rows[testCount..].Order().Select(r => lines[r])]);
        return (train, test);
    }
}
