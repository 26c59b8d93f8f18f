using CsvHelper;

namespace NeuralNet.Data;

internal enum ProblemKind
{
    NotANumber,
    NotFinite,
    Ragged,

    /// <summary>Not a problem: a row past the room in the matrix, which makes the loader read the file again.</summary>
    Overflow,
}

/// <summary>What was wrong with a field that a reading thread could not store, for the enumerating thread to act on.</summary>
/// <param name="Column">0-based.</param>
internal sealed record RecordProblem(ProblemKind Kind, long Line, int Column, string Text)
{
    public static readonly RecordProblem Overflow = new(ProblemKind.Overflow, 0, 0, "");

    public static RecordProblem Ragged(CsvReader record, int expected) => new(ProblemKind.Ragged, record.LineNumber, record.FieldCount, expected.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static RecordProblem Of(CsvReader record, int column, float parsed)
    {
        string text = record.GetString(column);
        bool infinite = float.IsInfinity(parsed) || LooksInfinite(text);
        return new RecordProblem(infinite ? ProblemKind.NotFinite : ProblemKind.NotANumber, record.LineNumber, column, text);
    }

    /// <summary>inf, -Infinity and the like, which CsvHelper does not all parse.</summary>
    public static bool LooksInfinite(string text) =>
        text.Trim().TrimStart('+', '-') is var word && (word.Equals("inf", StringComparison.OrdinalIgnoreCase) || word.Equals("infinity", StringComparison.OrdinalIgnoreCase) || word == "∞");

    public InputException ToException(CsvScan scan, string columnName) => Kind switch
    {
        ProblemKind.Ragged => CsvScan.RaggedRow(scan.Path, Line, Column, int.Parse(Text, System.Globalization.CultureInfo.InvariantCulture)),
        ProblemKind.NotFinite => InputException.At(scan.Path, Line, Column + 1,
            $"'{CsvScan.Shorten(Text)}' in column '{columnName}' is not a finite number; expected a number within ±3.4e38 (a float)"),
        _ => InputException.At(scan.Path, Line, Column + 1,
            $"'{CsvScan.Shorten(Text)}' in column '{columnName}' is not a number; expected a number{(scan.Dialect.DecimalComma ? " with a decimal comma" : "")}, as in the model's training data, or a missing value ({MissingValues.Description})"),
    };
}
