using NeuralNet.Data;

namespace NeuralNet.Models;

/// <summary>A CSV file prepared for a saved model with the model's own preprocessing (nothing is refitted).</summary>
/// <param name="Dataset">The encoded rows; for a file without targets, its targets are placeholders (zeros).</param>
/// <param name="IdColumn">The ID column copied into predictions, or null.</param>
/// <param name="Ids">The ID of each row, when there is an ID column.</param>
public sealed record ScoringData(Dataset Dataset, string? IdColumn, string[]? Ids)
{
    /// <summary>Reads <paramref name="path"/> for a model trained with <paramref name="preprocessing"/>.</summary>
    /// <param name="withTargets">True to require and read the target columns (evaluate); false when they may be
    /// missing (predict), in which case an ID column is looked for instead.</param>
    public static ScoringData Load(string path, Preprocessing preprocessing, bool withTargets, DataOptions? options = null)
    {
        options ??= DataOptions.Default;
        if (withTargets)
            return new ScoringData(PreparedData.LoadTest(preprocessing, path, options), null, null);

        string? idColumn = FindIdColumn(CsvLoader.ReadHeader(path, options), preprocessing);
        var (inputs, rows, raw) = PreparedData.LoadInputs(preprocessing, path, options, idColumn);
        int outputs = preprocessing.OutputCount;
        var dataset = new Dataset(preprocessing.InputCount, outputs, inputs, new float[rows.Length * outputs],
            preprocessing.Task == TaskKind.Classification ? new int[rows.Length] : null);
        var ids = raw.Features.FirstOrDefault(c => c.Name == idColumn)?.Texts;
        return new ScoringData(dataset, idColumn, ids is null ? null : [.. rows.Select(r => ids[r] ?? "")]);
    }

    /// <summary>A column named id (any case) or ending in _id that is not a feature or a target.</summary>
    public static string? FindIdColumn(IReadOnlyList<string> header, Preprocessing preprocessing) =>
        header.FirstOrDefault(h =>
            (SameName(h, "id") || h.Trim().EndsWith("_id", StringComparison.OrdinalIgnoreCase))
            && !preprocessing.FeatureNames.Any(f => SameName(f, h))
            && !preprocessing.TargetNames.Any(t => SameName(h, t)));

    private static bool SameName(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
