namespace NeuralNet.Data;

public enum ColumnKind
{
    Numeric,
    Text,
}

/// <summary>One column of a file as read: numbers go into the shared matrix of <see cref="RawData"/>, text into
/// <see cref="Texts"/>.</summary>
/// <param name="Index">0-based position in the file (column numbers in messages are Index + 1).</param>
/// <param name="Slot">For a numeric column, its row in <see cref="RawData.Numbers"/>; -1 for text.</param>
/// <param name="Texts">For a text column, the value of each row, null when missing.</param>
public sealed record RawColumn(string Name, int Index, ColumnKind Kind, int Slot, string?[]? Texts);

/// <summary>
/// A CSV file as read. Numeric feature columns go straight into one matrix; text feature columns and the target
/// columns stay text, so that the task and the categories can be decided from all of their values.
/// </summary>
/// <param name="Path">The file, as the user named it (for messages).</param>
/// <param name="Dialect">How the file was read.</param>
/// <param name="Lines">The 1-based line of the file each row starts on, for messages about rows.</param>
/// <param name="Numbers">(NumericCount, Rows) column-major: the numeric features of row r at
/// [r·NumericCount, (r+1)·NumericCount); NaN where a value is missing.</param>
/// <param name="Features">The feature columns, in file order.</param>
/// <param name="Targets">The target columns, in the order they were asked for; always text.</param>
/// <param name="Dropped">Columns left out as asked (--drop), by name.</param>
/// <param name="Sniffed">What of <paramref name="Dialect"/> was sniffed rather than given.</param>
/// <param name="Encoding">The encoding the file was read in (its web name: utf-8, iso-8859-1, ...).</param>
/// <param name="Categorical">The feature columns read as text because --categorical named them, by name.</param>
public sealed record RawData(
    string Path,
    CsvDialect Dialect,
    int Rows,
    int[] Lines,
    float[] Numbers,
    int NumericCount,
    RawColumn[] Features,
    RawColumn[] Targets,
    string[] Dropped,
    DialectChoice Sniffed,
    string Encoding,
    string[] Categorical)
{
    /// <summary>Lines for the summary about how columns were read (a text column that also holds many numbers).</summary>
    public string[] Notes { get; init; } = [];

    public string[] FeatureNames => [.. Features.Select(c => c.Name)];

    public string[] TargetNames => [.. Targets.Select(c => c.Name)];

    public float Number(int row, RawColumn column) => Numbers[row * NumericCount + column.Slot];

    public bool IsMissing(int row, RawColumn column) =>
        column.Kind == ColumnKind.Numeric ? float.IsNaN(Number(row, column)) : column.Texts![row] is null;
}
