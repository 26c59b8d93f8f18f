using NeuralNet.Data;

namespace NeuralNet.Models;

/// <summary>A CSV file prepared for a saved model with the model's own preprocessing (nothing is refitted).</summary>
/// <param name="Dataset">The standardised rows; for a file without targets, its targets are placeholders (zeros).</param>
/// <param name="IdColumn">The ID column copied into predictions, or null.</param>
/// <param name="Ids">The ID of each row, when there is an ID column.</param>
public sealed record ScoringData(Dataset Dataset, string? IdColumn, string[]? Ids)
{
    /// <summary>Reads <paramref name="path"/> for a model trained with <paramref name="preprocessing"/>.</summary>
    /// <param name="withTargets">True to require and read the target column (evaluate); false when it may be
    /// missing (predict), in which case an ID column is looked for instead.</param>
    public static ScoringData Load(string path, Preprocessing preprocessing, bool withTargets)
    {
        var header = CsvLoader.ReadHeader(path);
        if (withTargets && !header.Any(h => SameName(h, preprocessing.TargetName)))
            throw new InputException($"{path}: there is no target column '{preprocessing.TargetName}' to evaluate against; the columns are {string.Join(", ", header)}");
        string? idColumn = withTargets ? null : FindIdColumn(header, preprocessing);

        // The loader reads one text column beside the features: the target when scoring against it, else the ID
        // column, else the first feature (read again as text, and ignored).
        var raw = CsvLoader.Load(path, withTargets ? preprocessing.TargetName : idColumn ?? preprocessing.FeatureNames[0], preprocessing.FeatureNames);
        var rows = Enumerable.Range(0, raw.Rows).ToArray();
        bool classification = preprocessing.Task == TaskKind.Classification;
        var dataset = (withTargets, classification) switch
        {
            (true, true) => preprocessing.Apply(raw, rows, preprocessing.LabelsOf(raw), null),
            (true, false) => preprocessing.Apply(raw, rows, null, Preprocessing.ParseTargets(raw)),
            (false, true) => preprocessing.Apply(raw, rows, new int[raw.Rows], null),
            (false, false) => preprocessing.Apply(raw, rows, null, new float[raw.Rows]),
        };
        return new ScoringData(dataset, idColumn, idColumn is null ? null : raw.Targets);
    }

    /// <summary>A column named id (any case) or ending in _id that is not a feature or the target.</summary>
    public static string? FindIdColumn(IReadOnlyList<string> header, Preprocessing preprocessing) =>
        header.FirstOrDefault(h =>
            (SameName(h, "id") || h.Trim().EndsWith("_id", StringComparison.OrdinalIgnoreCase))
            && !preprocessing.FeatureNames.Any(f => SameName(f, h))
            && !SameName(h, preprocessing.TargetName));

    private static bool SameName(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
