using CsvHelper;

namespace NeuralNet.Data;

internal enum ProblemKind
{
    /// <summary>Counted per column: whether it is an error depends on the whole column.</summary>
    NotANumber,
    NotFinite,

    /// <summary>A number too far from its column's offset to be stored beside the column's other values.</summary>
    OutOfSpan,
    Ragged,
    InvalidUtf8,

    /// <summary>Not a problem: a row past the room in the matrix, which makes the loader read the file again.</summary>
    Overflow,
}

/// <summary>What was wrong with a field that a reading thread could not store, for the enumerating thread to act
/// on; the problems of one record are chained through <see cref="Next"/>.</summary>
/// <param name="Column">0-based.</param>
internal sealed record RecordProblem(ProblemKind Kind, long Line, int Column, string Text, RecordProblem? Next = null)
{
    public static readonly RecordProblem Overflow = new(ProblemKind.Overflow, 0, 0, "");

    public bool IsFatal => Kind is ProblemKind.NotFinite or ProblemKind.OutOfSpan or ProblemKind.Ragged or ProblemKind.InvalidUtf8;

    /// <param name="lineOffset">Lines of the file before the part the reader reads (<see cref="FileChunks"/>); 0 for a whole file.</param>
    public static RecordProblem Ragged(CsvReader record, int expected, long lineOffset = 0) => new(ProblemKind.Ragged, record.LineNumber + lineOffset, record.FieldCount, expected.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A field that is not a number (or not a finite one), chained before <paramref name="next"/>.</summary>
    /// <param name="path">The file, for the message of a field that is not UTF-8; null when the file is not read as UTF-8.</param>
    public static RecordProblem Of(CsvReader record, int column, CellKind kind, string? path, RecordProblem? next, long lineOffset = 0)
    {
        if (path is not null && Utf8(record, column, path, lineOffset) is { } invalid)
            return invalid;
        var problem = kind switch
        {
            CellKind.NotFinite => ProblemKind.NotFinite,
            CellKind.OutOfSpan => ProblemKind.OutOfSpan,
            _ => ProblemKind.NotANumber,
        };
        return new RecordProblem(problem, record.LineNumber + lineOffset, column, record.GetString(column).Trim(' ', '\t'), next);
    }

    /// <summary>The error of a fatal problem, or of a cell that is not a number where a number is required.</summary>
    /// <param name="requirement">Why a number is required, for <see cref="ProblemKind.NotANumber"/>.</param>
    /// <param name="offset">The column's offset, for <see cref="ProblemKind.OutOfSpan"/>.</param>
    public InputException ToException(CsvScan scan, string columnName, string requirement = "as in the model's training data", double offset = 0) => Kind switch
    {
        ProblemKind.OutOfSpan => InputException.At(scan.Path, Line, Column + 1,
            $"'{CsvScan.Shorten(Text)}' in column '{columnName}' is too far from the column's first values (around {offset.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}) to be held beside them: their difference is beyond the float range (±3.4e38)"),
        ProblemKind.Ragged => CsvScan.RaggedRow(scan.Path, Line, Column, int.Parse(Text, System.Globalization.CultureInfo.InvariantCulture)),
        ProblemKind.InvalidUtf8 => new InputException(Text),
        ProblemKind.NotFinite => InputException.At(scan.Path, Line, Column + 1,
            $"'{CsvScan.Shorten(Text)}' in column '{columnName}' is not a finite number; expected a number within ±3.4e38 (a float)"),
        _ => InputException.At(scan.Path, Line, Column + 1,
            $"'{CsvScan.Shorten(Text)}' in column '{columnName}' is not a number{Hint(Text, scan.Dialect)}; expected a number{(scan.Dialect.DecimalComma ? " with a decimal comma" : "")}, {requirement}, or a missing value ({scan.Missing.Description})"),
    };

    /// <summary>A field that is not UTF-8, with its message (a fatal problem), or null.</summary>
    public static RecordProblem? Utf8(CsvReader record, int column, string path, long lineOffset = 0) =>
        CsvScan.InvalidUtf8(path, record, column, lineOffset) is { } error ? new RecordProblem(ProblemKind.InvalidUtf8, record.LineNumber + lineOffset, column, error.Message) : null;

    /// <summary>Why a number-like text is not read as one.</summary>
    public static string Hint(string text, CsvDialect dialect)
    {
        if (text.Contains(',', StringComparison.Ordinal) && !dialect.DecimalComma && NumberGrammar.IsNumber(text, true, out _))
            return dialect.Delimiter == ',' ? ", as thousands separators are not read and the decimal separator is '.'" : $", as the decimal separator is '.' (pass --decimal-comma if the file writes 4,5)";
        if (text.Contains('.', StringComparison.Ordinal) && dialect.DecimalComma && NumberGrammar.IsNumber(text, false, out _))
            return ", as the file has a decimal comma and '.' is not read as a decimal point nor as a thousands separator";
        if (dialect.DecimalComma && text.Contains('.', StringComparison.Ordinal) && text.Contains(',', StringComparison.Ordinal))
            return ", as thousands separators are not read";
        return "";
    }
}
