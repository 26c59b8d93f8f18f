using NeuralNet.Data;

namespace NeuralNet.Models;

/// <summary>A CSV file prepared for a saved model with the model's own preprocessing (nothing is refitted).</summary>
/// <param name="Dataset">The encoded rows; for a file without targets, its targets are placeholders (zeros).</param>
/// <param name="IdColumns">The columns copied into predictions to identify each row (empty when there are none).</param>
/// <param name="Ids">For each row of the file, the values of <see cref="IdColumns"/> as the file has them ("" where missing).</param>
/// <param name="FileRows">The file's data rows: more than the dataset's when --missing drop-rows left some out.</param>
/// <param name="Rows">The file row (0-based) of each sample of <paramref name="Dataset"/>, in order.</param>
/// <param name="Scored">The cells filled or encoded as all zeros on the way (see <see cref="ScoredCells"/>).</param>
public sealed record ScoringData(Dataset Dataset, string[] IdColumns, string[][] Ids, int FileRows, int[] Rows, ScoredCells Scored)
{
    /// <summary>Rows of the file left out (--missing drop-rows).</summary>
    public int LeftOut => FileRows - Rows.Length;

    /// <summary>Reads <paramref name="path"/> for a model trained with <paramref name="preprocessing"/>.</summary>
    /// <param name="withTargets">True to require and read the target columns (evaluate); false when they may be
    /// missing (predict), in which case ID columns are read too.</param>
    /// <param name="idColumns">The ID columns asked for (predict --id), each of which the file must have; null for
    /// the default: the columns training recognised as ID-like, else a column named id or ending in _id, when the
    /// file has them.</param>
    public static ScoringData Load(string path, Preprocessing preprocessing, bool withTargets, DataOptions? options = null, IReadOnlyList<string>? idColumns = null)
    {
        options ??= DataOptions.Default;
        if (withTargets)
        {
            var test = PreparedData.LoadTest(preprocessing, path, options);
            return new ScoringData(test, [], [], test.Count, [.. Enumerable.Range(0, test.Count)], test.Scored);
        }

        var header = CsvLoader.ReadHeader(path, options);
        string[] ids = idColumns is null ? DefaultIdColumns(header, preprocessing) : [.. idColumns.Distinct(StringComparer.Ordinal)];
        if (ids.FirstOrDefault(id => !header.Contains(id, StringComparer.Ordinal)) is { } absent)
            throw new InputException($"{path}: there is no column '{absent}' (--id); the columns are {string.Join(", ", header)}");
        var (inputs, rows, raw, scored) = PreparedData.LoadInputs(preprocessing, path, options, ids);
        int outputs = preprocessing.OutputCount;
        var dataset = new Dataset(preprocessing.InputCount, outputs, inputs, new float[rows.Length * outputs],
            preprocessing.Task == TaskKind.Classification ? new int[rows.Length] : null);
        var columns = ids.Select(id => raw.Features.Concat(raw.Targets).First(c => c.Name == id)).ToArray();
        return new ScoringData(dataset, ids, [.. Enumerable.Range(0, raw.Rows).Select(r => columns.Select(c => Text(c, r)).ToArray())], raw.Rows, rows, scored);
    }

    /// <summary>The columns training recognised as ID-like that the file has; for a model that recorded none, a column
    /// named id (any case) or ending in _id that is not a feature or a target.</summary>
    public static string[] DefaultIdColumns(IReadOnlyList<string> header, Preprocessing preprocessing)
    {
        string[] recorded = [.. preprocessing.IdColumns.Where(id => header.Contains(id, StringComparer.Ordinal))];
        if (recorded.Length > 0)
            return recorded;
        string? named = header.FirstOrDefault(h =>
            (SameName(h, "id") || h.Trim().EndsWith("_id", StringComparison.OrdinalIgnoreCase))
            && !preprocessing.FeatureNames.Any(f => SameName(f, h))
            && !preprocessing.TargetNames.Any(t => SameName(h, t)));
        return named is null ? [] : [named];
    }

    // Every ID column keeps its cells' text, a numeric feature's too (CsvLoader.LoadFor), so it is copied verbatim.
    private static string Text(RawColumn column, int row) => column.Texts![row] ?? "";

    private static bool SameName(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
