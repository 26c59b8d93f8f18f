using CsvHelper;

namespace NeuralNet.Data;

/// <summary>Reads a CSV file with a header row into <see cref="RawData"/>, or explains in one line what is wrong.</summary>
public static class CsvLoader
{
    /// <param name="path">The CSV file.</param>
    /// <param name="target">The target column: a header name, or a 0-based index (negative counts from the end).
    /// Null for the one column named target, label, class or y, if there is exactly one; else the last column.</param>
    /// <param name="expectedFeatures">When given (a test file), the feature columns that must be present, by name.</param>
    public static RawData Load(string path, string? target, IReadOnlyList<string>? expectedFeatures = null)
    {
        using var reader = OpenReader(path);
        var header = ReadHeader(path, reader);
        int targetColumn = ResolveTarget(path, header, target);
        int[] featureColumns = expectedFeatures is null
            ? [.. Enumerable.Range(0, header.Length).Where(c => c != targetColumn)]
            : [.. expectedFeatures.Select(name => ResolveColumn(path, header, name, "feature"))];

        var features = new GrowingBuffer<float>(featureColumns.Length * 1024);
        var targets = new List<string>();
        var lines = new List<int>();
        while (reader.Read())
        {
            int line = (int)reader.LineNumber;
            if (reader.FieldCount != header.Length)
                throw InputException.At(path, line, 0, $"this row has {reader.FieldCount} fields, but the header has {header.Length}");
            var row = features.Append(featureColumns.Length);
            for (int f = 0; f < featureColumns.Length; f++)
                row[f] = ParseFeature(reader, path, line, featureColumns[f], header);
            targets.Add(reader.GetString(targetColumn));
            lines.Add(line);
        }
        if (targets.Count == 0)
            throw new InputException($"{path}: the file has a header but no data rows");

        return new RawData(path, [.. featureColumns.Select(c => header[c])], header[targetColumn], features.ToArray(), [.. targets], [.. lines]);
    }

    /// <summary>The column names of the header row.</summary>
    public static string[] ReadHeader(string path)
    {
        using var reader = OpenReader(path);
        return ReadHeader(path, reader);
    }

    private static string[] ReadHeader(string path, CsvReader reader)
    {
        var header = reader.Headers.ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            throw new InputException($"{path}: the file is empty");
        return header;
    }

    private static CsvReader OpenReader(string path)
    {
        if (!File.Exists(path))
            throw new InputException(Directory.Exists(path) ? $"{path}: is a directory, not a CSV file" : $"{path}: file not found");
        if (new FileInfo(path).Length == 0)
            throw new InputException($"{path}: the file is empty");
        try
        {
            return CsvReader.FromFile(path, CsvReaderOptions.Default with { TrackLineNumbers = true, PoolStrings = true });
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    private static float ParseFeature(CsvReader reader, string path, int line, int column, string[] header)
    {
        if (reader.TryParse<float>(column, out float value) && float.IsFinite(value))
            return value;
        string text = reader.GetString(column);
        string problem = string.IsNullOrWhiteSpace(text)
            ? $"column '{header[column]}' has an empty value; every feature must be a number"
            : $"'{Shorten(text)}' in column '{header[column]}' is not a {(float.IsFinite(value) ? "" : "finite ")}number";
        throw InputException.At(path, line, column + 1, problem);
    }

    /// <summary>Header names that mark the target when <c>--target</c> is not given (Kaggle-style files put
    /// <c>label</c> first).</summary>
    public static readonly string[] TargetNames = ["target", "label", "class", "y"];

    private static int ResolveTarget(string path, string[] header, string? target)
    {
        if (target is null)
        {
            var named = Enumerable.Range(0, header.Length)
                .Where(c => TargetNames.Contains(header[c].Trim(), StringComparer.OrdinalIgnoreCase)).ToArray();
            return named.Length == 1 ? named[0] : header.Length - 1;
        }
        if (TryFindColumn(header, target, out int byName))
            return byName;
        if (int.TryParse(target, out int index) && index >= -header.Length && index < header.Length)
            return index < 0 ? header.Length + index : index;
        throw new InputException($"{path}: there is no target column '{target}'; the columns are {string.Join(", ", header)}");
    }

    private static int ResolveColumn(string path, string[] header, string name, string role) =>
        TryFindColumn(header, name, out int column)
            ? column
            : throw new InputException($"{path}: the {role} column '{name}' the model was trained with is missing");

    // An exact match wins; otherwise the name is matched ignoring case and surrounding spaces.
    private static bool TryFindColumn(string[] header, string name, out int column)
    {
        column = Array.IndexOf(header, name);
        if (column < 0)
            column = Array.FindIndex(header, h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        return column >= 0;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
