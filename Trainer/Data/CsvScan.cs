using System.Text.RegularExpressions;
using CsvHelper;

namespace NeuralNet.Data;

/// <summary>
/// The first, sequential pass over a CSV file: checks that it is text, sniffs its dialect (or takes the overrides),
/// names its columns, checks that every row has as many fields as the first, counts the data rows (so that the
/// second pass can write into a matrix of the exact size), and keeps the first rows as text to decide which
/// columns are numbers.
/// </summary>
/// <param name="Header">The column names: the header row, or col1, col2, ... without one.</param>
/// <param name="Rows">Data rows (the header excluded).</param>
/// <param name="Sample">The first data rows, each field as text or null when missing.</param>
internal sealed partial record CsvScan(string Path, CsvDialect Dialect, string[] Header, int Rows, string?[][] Sample)
{
    /// <summary>Rows kept to sniff the header and the decimal comma and to guess which columns are numeric.</summary>
    public const int SampleRows = 1000;

    /// <summary>Bytes looked at to tell a text file from a binary one.</summary>
    private const int BinaryCheckBytes = 64 * 1024;

    public static CsvScan Read(string path, DataOptions options)
    {
        CheckFile(path);
        var records = new List<string?[]>();
        int expectedFields = -1;
        long count = 0;
        char separator;
        using (var reader = Open(path, ReaderOptions(options.Delimiter, hasHeader: false, decimalComma: false, path)))
        {
            separator = reader.Separator;
            while (reader.Read())
            {
                int fields = reader.FieldCount;
                if (expectedFields < 0)
                    expectedFields = fields;
                else if (fields != expectedFields)
                    throw InputException.At(path, reader.LineNumber, Math.Min(fields, expectedFields) + 1,
                        $"this row has {fields} field{(fields == 1 ? "" : "s")}, but the first row has {expectedFields}; expected every row to have {expectedFields} (is a delimiter or a quote missing or extra?)");
                if (records.Count <= SampleRows)
                    records.Add(ReadFields(reader));
                count++;
            }
        }
        if (count == 0)
            throw new InputException($"{path}: the file is empty (no rows); expected a header row and data rows");

        bool decimalComma = options.DecimalComma ?? (separator == ';' && records.Skip(1).Any(row => row.Any(LooksLikeDecimalComma)));
        var provisional = new CsvDialect(separator, true, decimalComma);
        bool hasHeader = options.HasHeader ?? SniffHeader(provisional, records);
        var dialect = provisional with { HasHeader = hasHeader };
        long rows = count - (hasHeader ? 1 : 0);
        if (rows == 0)
            throw new InputException($"{path}: the file has a header row but no data rows");
        if (rows > int.MaxValue / 2)
            throw new InputException($"{path}: {rows} rows are more than this trainer can hold");

        string[] header = hasHeader ? HeaderNames(path, records[0]) : [.. Enumerable.Range(1, expectedFields).Select(GeneratedName)];
        var sample = (hasHeader ? records.Skip(1) : records).Take(SampleRows).ToArray();
        return new CsvScan(path, dialect, header, (int)rows, sample);
    }

    /// <summary>The name of column <paramref name="number"/> (1-based) of a file without a header row.</summary>
    public static string GeneratedName(int number) => $"col{number}";

    /// <summary>The reader options for a file of this dialect; null values are the missing-value words.</summary>
    public static CsvReaderOptions ReaderOptions(char? separator, bool hasHeader, bool decimalComma, string path) =>
        CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = hasHeader,
            TrackLineNumbers = true,
            PoolStrings = true,
            NullValues = MissingValues.Words,
            FormatProvider = CsvDialect.NumberFormatOf(decimalComma),
            OnMalformedRecord = record =>
            {
                // Other quoting slips (a stray quote in a value) are read as text; an unclosed quote swallows the
                // rest of the file, which no setting can make sense of.
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                    throw InputException.At(path, record.LineNumber, 0,
                        $"a quoted field that starts on this line is never closed: '{Shorten(record.RawRecord)}'; expected a closing \"");
            },
        };

    public static CsvReader Open(string path, CsvReaderOptions options)
    {
        try
        {
            return CsvReader.FromFile(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    public static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private static void CheckFile(string path)
    {
        if (!File.Exists(path))
            throw new InputException(Directory.Exists(path) ? $"{path}: is a directory, not a CSV file" : $"{path}: file not found");
        var start = new byte[BinaryCheckBytes];
        int length;
        using (var stream = File.OpenRead(path))
            length = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (length == 0)
            throw new InputException($"{path}: the file is empty (0 bytes); expected a header row and data rows");
        // UTF-16 and UTF-32 text (with a byte order mark) has zero bytes; CsvHelper transcodes it.
        if (start[0] is 0xFF or 0xFE)
            return;
        int binary = Array.FindIndex(start, 0, length, b => b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C);
        if (binary >= 0)
            throw new InputException($"{path}: byte {binary} is 0x{start[binary]:X2}, a control character; expected a text CSV file, and this looks binary");
    }

    private static string?[] ReadFields(CsvReader reader)
    {
        var fields = new string?[reader.FieldCount];
        for (int i = 0; i < fields.Length; i++)
            fields[i] = reader.IsNull(i) ? null : reader.GetString(i);
        return fields;
    }

    /// <summary>
    /// The first row is a header when some column has text there and only numbers (or missing values) below it.
    /// Otherwise it is data when it is all numbers, or when its text also appears below it in the same column
    /// (a label such as 'setosa'); a row of distinct names that do not recur is a header.
    /// </summary>
    private static bool SniffHeader(CsvDialect dialect, List<string?[]> records)
    {
        var first = records[0];
        var below = records.Skip(1).ToArray();
        bool IsNumber(string? text) => dialect.TryParseNumber(text, out _);
        bool allNumbers = true;
        for (int c = 0; c < first.Length; c++)
        {
            if (first[c] is null || IsNumber(first[c]))
                continue;
            allNumbers = false;
            var column = below.Select(row => row[c]).Where(v => v is not null).ToArray();
            if (column.Length > 0 && column.All(IsNumber))
                return true;
        }
        if (allNumbers)
            return false;
        bool recurs = Enumerable.Range(0, first.Length).Any(c => first[c] is { } name && !IsNumber(name) && below.Any(row => row[c] == name));
        return !recurs;
    }

    private static string[] HeaderNames(string path, string?[] row)
    {
        var names = new string[row.Length];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < row.Length; c++)
        {
            string name = string.IsNullOrWhiteSpace(row[c]) ? GeneratedName(c + 1) : row[c]!.Trim();
            if (seen.TryGetValue(name, out int earlier))
                throw InputException.At(path, 1, c + 1, $"the header names column {earlier + 1} and column {c + 1} both '{name}'; expected unique column names");
            seen[name] = c;
            names[c] = name;
        }
        return names;
    }

    private static bool LooksLikeDecimalComma(string? text) => text is not null && DecimalCommaNumber().IsMatch(text);

    [GeneratedRegex(@"^\s*[+-]?(\d{1,3}(\.\d{3})+|\d*),\d+([eE][+-]?\d+)?\s*$")]
    private static partial Regex DecimalCommaNumber();
}
