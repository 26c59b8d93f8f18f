namespace NeuralNet.Data;

/// <summary>The values of a file's text columns that are not among the categories the training data had: what
/// --unknown-category ignore encodes as all zeros, counted so the run can say how many there were.</summary>
public static class UnseenCategories
{
    /// <summary>One column's unseen values: how many, and the first one met.</summary>
    public sealed record Column(string Name, int Count, string Example);

    public static IReadOnlyList<Column> Count(Preprocessing preprocessing, string path, DataOptions options)
    {
        var raw = CsvLoader.LoadFor(preprocessing, path, options, requireTargets: false);
        var result = new List<Column>();
        foreach (var feature in preprocessing.Features.Where(f => f.IsCategorical))
        {
            var known = feature.Categories.ToHashSet(StringComparer.Ordinal);
            var texts = raw.Features.First(c => c.Name == feature.Name).Texts!;
            var unseen = texts.Where(t => t is not null && !known.Contains(t)).ToArray();
            if (unseen.Length > 0)
                result.Add(new Column(feature.Name, unseen.Length, unseen[0]!));
        }
        return result;
    }

    /// <summary>"3 values of categories the training data did not have, encoded as all zeros: 'Cabin' 2 (e.g. 'C146'), 'Embarked' 1 (e.g. 'X')".</summary>
    public static string Describe(IReadOnlyList<Column> columns) =>
        $"{columns.Sum(c => c.Count)} value{(columns.Sum(c => c.Count) == 1 ? "" : "s")} of categories the training data did not have, encoded as all zeros (--unknown-category error refuses them): "
        + string.Join(", ", columns.Select(c => $"'{c.Name}' {c.Count} (e.g. '{CsvScan.Shorten(c.Example)}')"));
}
