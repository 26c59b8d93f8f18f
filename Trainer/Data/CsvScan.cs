using System.Text.RegularExpressions;
using CsvHelper;

namespace NeuralNet.Data;

/// <summary>
/// A look at the start of a CSV file: checks that it is text, sniffs its dialect (or takes the overrides), names
/// its columns, keeps the first rows as text to choose how each column is first tried (its type is decided from all
/// of its cells, by <see cref="ColumnTypes"/>), checks that they are UTF-8 (unless --encoding), and estimates the
/// number of rows from the file's size, so that the full read can write into one preallocated matrix.
/// </summary>
/// <param name="Header">The column names: the header row, or col1, col2, ... without one.</param>
/// <param name="EstimatedRows">Data rows expected (the header excluded): exact for a file shorter than the sample,
/// otherwise a few percent over the estimate from the sample's bytes per row.</param>
/// <param name="Sample">The first data rows, each field as text or null when missing.</param>
/// <param name="Path">The file as the user named it, for messages.</param>
/// <param name="ReadPath">The regular file to open: <paramref name="Path"/>, or its copy (<see cref="CsvSource"/>).</param>
/// <param name="Sniffed">What of the dialect was sniffed rather than given by an option.</param>
internal sealed partial record CsvScan(string Path, string ReadPath, CsvDialect Dialect, DialectChoice Sniffed, System.Text.Encoding? Encoding,
    string[] Header, int EstimatedRows, string?[][] Sample)
{
    /// <summary>The words that mean a missing value in this file (--na-values, else the default ones).</summary>
    public MissingValues Missing { get; init; } = MissingValues.Default;

    /// <summary>How a space-separated file is laid out (read through <see cref="SpaceRunStream"/>); null for a
    /// file with a delimiter.</summary>
    public SpaceSeparated? Spaces { get; init; }

    /// <summary>The name of R's row-name column and the delimiter, put before the header of a file whose header is
    /// one name short (<see cref="RowNames"/>); null otherwise.</summary>
    public string? RowNamesPrefix { get; init; }

    /// <summary>The encoding the file is read in, for the summary: a UTF-16 or UTF-32 byte order mark's (which sets it
    /// whatever --encoding says), else --encoding's, else utf-8.</summary>
    public string EncodingName { get; init; } = "utf-8";

    /// <summary>Rows kept to sniff the header and the decimal comma and to choose how each column is first tried
    /// (as numbers or as text; the whole column decides, see <see cref="CsvLoader"/>): this many, or fewer in a wide
    /// file (<see cref="SampleFields"/>), but at least <see cref="MinSampleRows"/>.</summary>
    public const int SampleRows = 1000;

    public const int MinSampleRows = 100;

    /// <summary>Fields kept in the sample at most (as strings, so the sample of a wide file stays quick).</summary>
    public const int SampleFields = 100_000;

    /// <summary>Bytes looked at to tell a text file from a binary one.</summary>
    private const int BinaryCheckBytes = 64 * 1024;

    public static CsvScan Read(string path, DataOptions options)
    {
        string readPath = CsvSource.Resolve(path);
        var encoding = DataOptions.EncodingNamed(options.Encoding);
        var missing = MissingValues.For(options.NaValues);
        // R's write.table, statsmodels, aligned columns: no delimiter CsvHelper detects, fields apart by spaces.
        var spaces = options.Delimiter is null ? SpaceSeparated.Sniff(readPath, encoding) : null;
        SampleRead first;
        long fileBytes;
        string? rowNamesPrefix = null;
        try
        {
            first = ReadSample(path, readPath, spaces is null ? options.Delimiter : ' ', encoding, missing, out fileBytes, options.Encoding, spaces, rowNames: options.HasHeader != false);
        }
        catch (RowNames.ShortHeader shortHeader)
        {
            // R's write.table with a delimiter: the header one name short for the row names, read as named.
            rowNamesPrefix = SpaceSeparated.RowNamesColumn + shortHeader.Separator;
            first = ReadSample(path, readPath, shortHeader.Separator, encoding, missing, out fileBytes, options.Encoding, rowNamesPrefix: rowNamesPrefix);
            if (!RowNames.AreRowNames(first.Records[1..]))
                throw shortHeader.Ragged;
        }
        // "1,5;2" splits evenly at ',' as well as at ';': of two readings that both do, the one with more numbers wins
        // (there ';' with a decimal comma). The only second open of the scan, for files that have a ';'.
        if (options.Delimiter is null && rowNamesPrefix is null && first.Separator == ',' && first.Records.Any(row => row.Any(f => f?.Contains(';', StringComparison.Ordinal) == true))
            && TryReadSample(path, readPath, ';', encoding, missing) is { } semicolon && NumberCount(semicolon, true) > NumberCount(first, false))
            first = semicolon;
        var (separator, records, offsets, wholeFile, lines, byteOrderMark, firstRow) = first;
        if (records.Count == 0)
            throw new InputException($"{path}: the file is empty (no rows); expected a header row and data rows");

        if (options.DecimalComma == true && separator == ',')
            throw new InputException($"{path}: --decimal-comma, but the file's delimiter is ',' ({(options.Delimiter is null ? "sniffed" : "given")}): a comma cannot be both the delimiter and the decimal separator; give the file's own delimiter (e.g. --delimiter ';') or leave out --decimal-comma");
        // Any delimiter but ',' (';', tab, '|', ...) may have decimal commas. The first row counts too: it may be
        // data, and a header name is hardly ever a number with a comma.
        bool decimalComma = options.DecimalComma ?? (separator != ',' && records.Any(row => row.Any(LooksLikeDecimalComma)));
        var provisional = new CsvDialect(separator, true, decimalComma) { Quote = spaces?.Quote is '\'' ? '\'' : null, RowNames = spaces?.RowNames == true || rowNamesPrefix is not null, SpaceRuns = spaces is not null };
        bool hasHeader = options.HasHeader ?? SniffHeader(provisional, records);
        if (options.HasHeader == false && LooksLikeHeader(provisional, records) is { } numericColumn)
            throw InputException.At(path, 1, 0,
                $"--no-header, but the first row looks like a header: every cell is text ({string.Join(", ", records[0].Take(4).Select(f => $"'{Shorten(f ?? "")}'"))}{(records[0].Length > 4 ? ", ..." : "")}) and the rows below hold numbers in column {numericColumn + 1}; leave out --no-header to use it as the header");
        var dialect = provisional with { HasHeader = hasHeader };
        var sniffed = new DialectChoice(options.Delimiter is null, options.HasHeader is null, options.DecimalComma is null);
        int skip = hasHeader ? 1 : 0;
        if (records.Count == skip)
            throw new InputException($"{path}: the file has a header row but no data rows");

        string[] header = hasHeader ? HeaderNames(path, firstRow) : [.. Enumerable.Range(1, records[0].Length).Select(GeneratedName)];
        if (options.DecimalComma is null && !decimalComma && separator != ',')
            CheckDotThousands(path, records, lines, skip, header);
        var sample = records.Skip(skip).ToArray();
        // R's write.csv: an empty header cell ("") over the row names.
        if (hasHeader && spaces is null && rowNamesPrefix is null && !header.Contains(SpaceSeparated.RowNamesColumn) && RowNames.UnderEmptyName(firstRow, sample))
        {
            header[0] = SpaceSeparated.RowNamesColumn;
            dialect = dialect with { RowNames = true };
        }
        int estimate = wholeFile ? records.Count - skip : EstimateRows(fileBytes, offsets, skip);
        return new CsvScan(path, readPath, dialect, sniffed, encoding, header, estimate, sample)
        {
            EncodingName = (byteOrderMark ?? encoding)?.WebName ?? "utf-8",
            Missing = missing,
            Spaces = spaces,
            RowNamesPrefix = rowNamesPrefix,
        };
    }

    /// <summary>The first records of the file as text (missing values null), where each starts, and whether that is
    /// the whole file; a row with another field count than the first is an error.</summary>
    /// <param name="encodingName">--encoding as given, for messages.</param>
    /// <param name="spaces">The layout of a space-separated file, read through its stream; null otherwise.</param>
    private static SampleRead ReadSample(string path, string readPath, char? separator, System.Text.Encoding? encoding, MissingValues missing, out long fileBytes, string? encodingName = null,
        SpaceSeparated? spaces = null, bool rowNames = false, string? rowNamesPrefix = null)
    {
        var records = new List<string?[]>();
        var offsets = new List<long>();
        var lines = new List<long>();
        string[] firstRow = [];
        char? detected = null;
        Stream stream = OpenChecked(path, readPath, encoding, encodingName, out fileBytes, out var byteOrderMark);
        if (spaces is not null)
            stream = spaces.Wrap(stream);
        if (rowNamesPrefix is not null)
            stream = new PrefixStream(stream, rowNamesPrefix);
        // Pooling strings costs more than it saves on a sample that is soon dropped.
        using var reader = CsvReader.Create(stream, ReaderOptions(separator, hasHeader: false, path, encoding, () => detected, spaces?.Quote ?? '"') with { PoolStrings = false }, leaveOpen: false);
        detected = reader.Separator;
        int sampleRows = SampleRows;
        while (records.Count <= sampleRows)
        {
            if (!reader.Read())
                return new SampleRead(reader.Separator, records, offsets, true, lines, byteOrderMark, firstRow);
            if (records.Count > 0 && reader.FieldCount != records[0].Length)
            {
                // Every line but the header ending with a delimiter: the extra field is empty.
                bool trailing = records.Count == 1 && reader.FieldCount == records[0].Length + 1 && reader.GetString(reader.FieldCount - 1).Trim().Length == 0;
                var ragged = RaggedRow(path, reader.LineNumber, reader.FieldCount, records[0].Length, trailing ? reader.Separator : null);
                // A header one name short, in a file the prefix can be put before (no UTF-16 or UTF-32).
                if (rowNames && spaces is null && records.Count == 1 && reader.FieldCount == records[0].Length + 1 && records[0].Length > 1
                    && byteOrderMark is null && (encoding is null || encoding.IsSingleByte || encoding is System.Text.UTF8Encoding))
                    throw new RowNames.ShortHeader(reader.Separator, ragged);
                throw ragged;
            }
            if (records.Count == 0)
                sampleRows = Math.Clamp(SampleFields / Math.Max(1, reader.FieldCount), MinSampleRows, SampleRows);
            records.Add(ReadFields(reader, path, encoding is null, missing));
            // A header cell is a name, not a value: 'NA' or '?' there names the column as written (checked as UTF-8 above).
            if (records.Count == 1)
                firstRow = [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim())];
            offsets.Add(reader.ByteOffset);
            lines.Add(reader.LineNumber);
        }
        return new SampleRead(reader.Separator, records, offsets, false, lines, byteOrderMark, firstRow);
    }

    private static SampleRead? TryReadSample(string path, string readPath, char separator, System.Text.Encoding? encoding, MissingValues missing)
    {
        try
        {
            return ReadSample(path, readPath, separator, encoding, missing, out _);
        }
        catch (InputException)
        {
            return null;
        }
    }

    private static int NumberCount(SampleRead sample, bool decimalComma)
    {
        return sample.Records.Sum(row => row.Count(f => NumberGrammar.IsNumber(f, decimalComma, out _)));
    }

    /// <param name="Lines">The line each record starts on.</param>
    /// <param name="ByteOrderMark">The encoding a UTF-16 or UTF-32 byte order mark at the start names, or null.</param>
    /// <param name="FirstRow">The first record's fields as written (trimmed), missing-value words included.</param>
    private sealed record SampleRead(char Separator, List<string?[]> Records, List<long> Offsets, bool WholeFile, List<long> Lines,
        System.Text.Encoding? ByteOrderMark, string[] FirstRow);

    /// <summary>The message for a row whose field count differs from the first row's.</summary>
    /// <param name="trailing">The delimiter the row ends with, when its extra field is an empty last one (a trailing
    /// delimiter the header does not have); null otherwise.</param>
    public static InputException RaggedRow(string path, long line, int fields, int expected, char? trailing = null) =>
        InputException.At(path, line, Math.Min(fields, expected) + 1,
            $"this row has {fields} field{(fields == 1 ? "" : "s")}, but the first row has {expected}; expected every row to have {expected} (is a delimiter or a quote missing or extra?)"
            + (trailing is { } delimiter
                ? $"; it ends with a trailing {CsvDialect.Name(delimiter)}, an empty last field, that the header row does not end with: remove the trailing delimiters, or end the header with one too"
                : "")
            + (trailing is null && line == 2 && fields == expected + 1 && expected > 1
                ? "; a header one name short is how R's write.table writes row names: write the file with row.names = FALSE, or col.names = NA (a header cell for them)"
                : ""));

    /// <summary>Data rows expected in a file longer than the sample: the sampled data rows, plus the bytes after the
    /// last sampled record divided by the sample's bytes per row, plus 4% (so that a second read is rare).
    /// <paramref name="offsets"/> holds where each sampled record starts.</summary>
    private static int EstimateRows(long fileBytes, List<long> offsets, int skip)
    {
        int last = offsets.Count - 1;
        double perRow = Math.Max(1.0, (double)(offsets[last] - offsets[skip]) / (last - skip));
        double estimate = (last - skip) + (fileBytes - offsets[last]) / perRow * 1.04 + 16;
        return (int)Math.Min(estimate, Array.MaxLength / 4);
    }

    /// <summary>The name of column <paramref name="number"/> (1-based) of a file without a header row.</summary>
    public static string GeneratedName(int number) => $"col{number}";

    /// <summary>The reader options for a file of this dialect. Missing values are recognised, and fields are
    /// trimmed, by <see cref="TextOf"/> and <see cref="NumberGrammar"/>, not by CsvHelper, whose trimming costs every
    /// field of a large numeric file (Fashion-MNIST's read took 2.5 times as long).</summary>
    /// <param name="encoding">The file's encoding (--encoding), or null for UTF-8 (a byte order mark still counts).</param>
    /// <param name="detected">The separator CsvHelper detected, when <paramref name="separator"/> is null (for the
    /// column of an unclosed quote).</param>
    /// <param name="quote">The quote character: '"', or '\'' for a space-separated file quoted that way.</param>
    /// <param name="lineOffset">Lines of the file before the part read (<see cref="FileChunks"/>), added to the lines of messages.</param>
    /// <param name="lastPart">False for a part of a file that another part follows: a quote left open at its end
    /// means the part ends inside a quoted field (<see cref="FileChunks.MisplacedEnd"/>), not an error of the file.</param>
    public static CsvReaderOptions ReaderOptions(char? separator, bool hasHeader, string path, System.Text.Encoding? encoding, Func<char?>? detected = null, char quote = '"',
        long lineOffset = 0, bool lastPart = true) =>
        CsvReaderOptions.Default with
        {
            Separator = separator,
            Quote = quote,
            HasHeader = hasHeader,
            TrackLineNumbers = true,
            PoolStrings = true,
            Encoding = encoding,
            OnMalformedRecord = record =>
            {
                // A stray quote inside an unquoted value (ab"c) is read as text; an unclosed quote swallows the rest of
                // the file, which no setting can make sense of.
                // Text after a closing quote ("-"1.5, "1.5"7) would be glued to the quoted text: -1.5, 1.57.
                if (record.Reason == CsvMalformedReason.TextAfterClosingQuote && TextAfterQuote(record.RawRecord, separator ?? detected?.Invoke()) is var (field, raw))
                    throw InputException.At(path, record.LineNumber + lineOffset, field + 1,
                        $"the field '{Shorten(raw)}' has text after its closing quote; expected the quotes around the whole field, or none");
                if (record.Reason == CsvMalformedReason.UnterminatedQuote && !lastPart)
                    throw new FileChunks.MisplacedEnd();
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                    throw InputException.At(path, record.LineNumber + lineOffset, UnclosedField(record.RawRecord, separator ?? detected?.Invoke()) + 1,
                        $"a quoted field that starts on this line is never closed: '{Shorten(record.RawRecord)}'; expected a closing \"");
            },
        };

    /// <summary>The 0-based field of a record with text after its closing quote, and that field as written; null when
    /// the separator is not known yet or no field has.</summary>
    private static (int Field, string Raw)? TextAfterQuote(string rawRecord, char? separator)
    {
        if (separator is not char delimiter)
            return null;
        int field = 0, start = 0;
        bool inQuotes = false, closed = false, atStart = true;
        for (int i = 0; i < rawRecord.Length; i++)
        {
            char c = rawRecord[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < rawRecord.Length && rawRecord[i + 1] == '"')
                    i++;
                else if (c == '"')
                    (inQuotes, closed) = (false, true);
                continue;
            }
            if (c == delimiter)
                (field, start, closed, atStart) = (field + 1, i + 1, false, true);
            else if (closed && c is not ' ' and not '\t' and not '\r' and not '\n')
            {
                int end = rawRecord.IndexOf(delimiter, i);
                return (field, rawRecord[start..(end < 0 ? rawRecord.Length : end)].Trim());
            }
            else if (atStart && c == '"')
                (inQuotes, atStart) = (true, false);
            else if (c is not ' ' and not '\t')
                atStart = false;
        }
        return null;
    }

    /// <summary>The 0-based field of a record's first line whose opening quote is not closed on that line (read by
    /// CsvHelper with line breaks ending quoted fields), or -1 when the separator is not known yet.</summary>
    private static int UnclosedField(string rawRecord, char? separator)
    {
        if (separator is null)
            return -1;
        string firstLine = rawRecord.Split('\n')[0].TrimEnd('\r');
        using var line = CsvReader.FromText(firstLine, CsvReaderOptions.Default with { Separator = separator, HasHeader = false, AllowLineBreaksInQuotes = false });
        if (!line.Read())
            return -1;
        for (int i = line.FieldCount - 1; i >= 0; i--)
        {
            var raw = line.GetRawSpan(i).Trim(" \t"u8);
            if (raw.Length > 0 && raw[0] == (byte)'"' && (raw.Length == 1 || raw[^1] != (byte)'"'))
                return i;
        }
        return -1;
    }

    /// <summary>Opens the whole file for the read of every record (the second open, see <see cref="CsvSource"/>).</summary>
    public CsvReader OpenReader()
    {
        try
        {
            var options = ReaderOptions(Dialect.Delimiter, Dialect.HasHeader, Path, Encoding, quote: Spaces?.Quote ?? '"');
            if (Spaces is null && RowNamesPrefix is null)
                return CsvReader.FromFile(ReadPath, options);
            var file = new FileStream(ReadPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            return CsvReader.Create(Spaces?.Wrap(file) ?? new PrefixStream(file, RowNamesPrefix!), options, leaveOpen: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{Path}: cannot be read: {e.Message}", e);
        }
    }

    /// <summary>A cell's text for a message: as it is up to 40 characters, else its first 40 and its length.</summary>
    public static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        // Control characters (a NUL in a cell) would garble the one-line message: shown as \xNN.
        if (text.Any(char.IsControl))
            text = string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString()));
        return text.Length <= 40 ? text : FormattableString.Invariant($"{text[..40]}... ({text.Length:N0} characters)");
    }

    /// <summary>Opens the file, checks that it is text (in the encoding given, if any), and rewinds it.</summary>
    /// <param name="encodingName">--encoding as given, for messages.</param>
    /// <param name="fileBytes">The size of the file in bytes.</param>
    /// <param name="byteOrderMark">The encoding a UTF-16 or UTF-32 byte order mark at the start names, or null.</param>
    private static FileStream OpenChecked(string path, string readPath, System.Text.Encoding? encoding, string? encodingName, out long fileBytes,
        out System.Text.Encoding? byteOrderMark)
    {
        if (!File.Exists(readPath))
            throw new InputException(Directory.Exists(readPath) ? $"{path}: is a directory, not a CSV file" : $"{path}: file not found");
        FileStream stream;
        try
        {
            stream = new FileStream(readPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}", e);
        }
        fileBytes = stream.Length;
        var start = new byte[(int)Math.Min(BinaryCheckBytes, Math.Max(1, fileBytes))];
        int length = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (length == 0)
        {
            stream.Dispose();
            throw new InputException($"{path}: the file is empty (0 bytes); expected a header row and data rows");
        }
        // UTF-16 and UTF-32 text (with a byte order mark) has zero bytes; CsvHelper transcodes it.
        byteOrderMark = WideByteOrderMark(start.AsSpan(0, length));
        if (byteOrderMark is null && encoding?.CodePage is 1200 or 1201 or 12000 or 12001 && Array.IndexOf(start, (byte)0, 0, length) < 0)
        {
            stream.Dispose();
            throw NotWide(path, encodingName ?? encoding.WebName, encoding.CodePage < 12000 ? "UTF-16" : "UTF-32", start.AsSpan(0, length));
        }
        bool wide = byteOrderMark is not null || (encoding is not null && !encoding.IsSingleByte && encoding.CodePage != 65001);
        int binary = wide ? -1 : Array.FindIndex(start, 0, length, b => b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C);
        if (binary >= 0)
        {
            stream.Dispose();
            throw new InputException($"{path}: byte {binary} is 0x{start[binary]:X2}, a control character; expected a text CSV file, and this looks binary");
        }
        if (!wide && JsonKind(start.AsSpan(0, length)) is { } json)
        {
            stream.Dispose();
            throw new InputException($"{path}: this is {json}, not a CSV file; expected a CSV file here (a model file is the first argument: predict MODEL.json DATA.csv)");
        }
        return stream;
    }

    /// <summary>"a NeuralNet model file" or "JSON" for a file whose first line is "{" or "[" (a pretty-printed JSON
    /// document: no CSV header is a lone brace); null otherwise. Its rows would otherwise be read as ragged CSV.</summary>
    private static string? JsonKind(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            start = start[3..];
        int end = start.IndexOf((byte)'\n');
        var firstLine = (end < 0 ? start : start[..end]).Trim(" \t\r"u8);
        if (!firstLine.SequenceEqual("{"u8) && !firstLine.SequenceEqual("["u8))
            return null;
        return start.IndexOf("\"format\": \"neuralnet-model\""u8) >= 0 ? "a NeuralNet model file" : "JSON";
    }

    /// <summary>The encoding a UTF-16 or UTF-32 byte order mark at the start of the file names (CsvHelper reads the
    /// file in it whatever --encoding says); null without one (a UTF-8 mark included: UTF-8 is the default).</summary>
    private static System.Text.Encoding? WideByteOrderMark(ReadOnlySpan<byte> start) => start switch
    {
        [0xFF, 0xFE, 0, 0, ..] => new System.Text.UTF32Encoding(bigEndian: false, byteOrderMark: true),
        [0, 0, 0xFE, 0xFF, ..] => new System.Text.UTF32Encoding(bigEndian: true, byteOrderMark: true),
        [0xFF, 0xFE, ..] => System.Text.Encoding.Unicode,
        [0xFE, 0xFF, ..] => System.Text.Encoding.BigEndianUnicode,
        _ => null,
    };

    /// <summary>The error for --encoding utf-16 (or utf-32) on a file without a zero byte in its start: UTF-16 writes
    /// every ASCII character, each delimiter and line break among them, with a zero byte, so this file is not UTF-16,
    /// and read as such it would be one line of CJK characters ("a header row but no data rows").</summary>
    private static InputException NotWide(string path, string encodingName, string family, ReadOnlySpan<byte> start)
    {
        int end = start.IndexOfAny((byte)'\n', (byte)'\r');
        var firstLine = end < 0 ? start : start[..end];
        // The start may end inside a character: up to 3 bytes of it.
        bool utf8 = false;
        for (int cut = 0; cut <= Math.Min(3, start.Length) && !utf8; cut++)
            utf8 = System.Text.Unicode.Utf8.IsValid(start[..(start.Length - cut)]);
        string looks = utf8
            ? $"they read as UTF-8 ('{Shorten(System.Text.Encoding.UTF8.GetString(firstLine))}'), the default: leave out --encoding {encodingName}"
            : $"they are not UTF-8 either (as latin1: '{Shorten(System.Text.Encoding.Latin1.GetString(firstLine))}'): try --encoding latin1 or windows-1252";
        return new InputException($"{path}: --encoding {encodingName}, but the file is not {family}: its first {start.Length:N0} bytes have no zero byte, and {family} writes every ASCII character (each delimiter, each line break) with one; {looks}");
    }

    /// <param name="checkUtf8">True when the file is read as UTF-8: a field that is not valid UTF-8 is an error.</param>
    private static string?[] ReadFields(CsvReader reader, string path, bool checkUtf8, MissingValues missing)
    {
        var fields = new string?[reader.FieldCount];
        for (int i = 0; i < fields.Length; i++)
        {
            if (checkUtf8 && InvalidUtf8(path, reader, i) is { } invalid)
                throw invalid;
            fields[i] = TextOf(reader, i, missing);
        }
        return fields;
    }

    /// <summary>A text field trimmed of the spaces and tabs around it, inside quotes too (so ' setosa' and 'setosa'
    /// are one class), or null for a missing value (one of <paramref name="missing"/>'s words, or empty). Non-ASCII text is also trimmed of
    /// Unicode spaces (a no-break space: 'yes\u00A0' and 'yes' are one class); but a number with a no-break space
    /// stays as it is, not a number (<see cref="NumberGrammar"/>).</summary>
    public static string? TextOf(CsvReader record, int column, MissingValues missing)
    {
        var bytes = record.GetSpan(column);
        var trimmed = bytes.Trim(" \t"u8);
        if (missing.IsMissing(trimmed))
            return null;
        string text = record.GetString(column);
        text = trimmed.Length == bytes.Length ? text : text.Trim(' ', '\t');
        if (System.Text.Ascii.IsValid(trimmed))
            return text;
        // Unicode spaces only: a line break inside quotes is part of the text.
        string unicode = text.Trim(UnicodeSpaces);
        if (unicode.Length != text.Length && NumberGrammar.IsNumber(unicode, false, out _) | NumberGrammar.IsNumber(unicode, true, out _))
            unicode = text;
        // Not put in a Unicode normal form: the exported ONNX graph compares strings as they are, so 'café' typed
        // composed and decomposed stays two values here too, and training says so (UnicodeForms).
        return unicode.Length == 0 ? null : unicode;
    }

    /// <summary>The spaces trimmed from non-ASCII text: space, tab and the Unicode space separators.</summary>
    private static readonly char[] UnicodeSpaces = [' ', '\t', .. Enumerable.Range(0x80, 0x3000 - 0x80 + 1).Select(c => (char)c).Where(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.SpaceSeparator), '\u200B', '\uFEFF'];

    /// <summary>The error for a field that is not valid UTF-8, or null when it is.</summary>
    /// <param name="lineOffset">Lines of the file before the part the reader reads; 0 for a whole file.</param>
    public static InputException? InvalidUtf8(string path, CsvReader record, int column, long lineOffset = 0)
    {
        var bytes = record.GetSpan(column);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
            return null;
        int at = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[at..], out _, out int used) == System.Buffers.OperationStatus.Done)
            at += used;
        return InputException.At(path, record.LineNumber + lineOffset, column + 1,
            $"byte {at + 1} of the field is 0x{bytes[at]:X2}, which is not UTF-8 ('{Shorten(System.Text.Encoding.UTF8.GetString(bytes))}'); the file is read as UTF-8 unless --encoding says otherwise, e.g. --encoding latin1 or --encoding windows-1252");
    }

    /// <summary>
    /// Whether the first row is a header, from how its cells compare with the column below each:
    /// <list type="number">
    /// <item>a header when some column has text there and only numbers (or missing values) below it;</item>
    /// <item>a header when it is the column numbers 0, 1, 2, ... (or 1, 2, 3, ...) above rows with a non-integer
    /// number (pandas' <c>DataFrame(array).to_csv(index=False)</c>);</item>
    /// <item>a header when its numbers are their columns' numbers and its texts recur nowhere below them (pandas'
    /// <c>to_csv</c> of columns <c>[0, 1, 'y']</c>: <c>0,1,y</c> above labels);</item>
    /// <item>data when it has a number above a column of numbers (its types match the rows below: <c>name0,3.1</c>);</item>
    /// <item>a header when some column has text there and numbers below it but for a few strays (3, or 5%), which
    /// are then reported as errors naming their cells;</item>
    /// <item>otherwise (text above text) data when more than half of its texts recur below in their columns (a label
    /// such as <c>setosa</c>), else a header (<c>colour,size,y</c> above y/n labels).</item>
    /// </list>
    /// </summary>
    private static bool SniffHeader(CsvDialect dialect, List<string?[]> records)
    {
        var first = records[0];
        var below = records.Skip(1).ToArray();
        bool IsNumber(string? text) => NumberGrammar.IsNumber(text, dialect.DecimalComma, out _);
        int columns = first.Length;
        var numbers = new int[columns];
        var present = new int[columns];
        bool fractions = false;
        foreach (var row in below)
        {
            for (int c = 0; c < columns; c++)
            {
                if (row[c] is not { } cell)
                    continue;
                present[c]++;
                if (NumberGrammar.IsNumber(cell, dialect.DecimalComma, out double value))
                {
                    numbers[c]++;
                    fractions |= value != Math.Floor(value);
                }
            }
        }
        bool AllNumbers(int c) => present[c] > 0 && numbers[c] == present[c];
        bool IsText(int c) => first[c] is not null && !IsNumber(first[c]);
        if (Enumerable.Range(0, columns).Any(c => IsText(c) && AllNumbers(c)))
            return true;
        if (columns >= 2 && fractions && (IsCount(first, 0) || IsCount(first, 1)))
            return true;
        // pandas' to_csv of columns [0, 1, 'y']: column numbers, then names that no row below repeats.
        if (columns >= 2 && (IsNamedCount(first, 0, IsNumber) || IsNamedCount(first, 1, IsNumber))
            && Enumerable.Range(0, columns).Where(IsText).All(c => !below.Any(row => row[c] == first[c])))
            return true;
        if (Enumerable.Range(0, columns).Any(c => first[c] is not null && IsNumber(first[c]) && AllNumbers(c)))
            return false;
        if (Enumerable.Range(0, columns).Any(c => IsText(c) && numbers[c] > 0 && ColumnTypes.IsFewStrays(numbers[c], present[c] - numbers[c])))
            return true;
        var texts = Enumerable.Range(0, columns).Where(IsText).ToArray();
        if (texts.Length == 0)
            return false;
        int recurring = texts.Count(c => below.Any(row => row[c] == first[c]));
        return recurring * 2 <= texts.Length;
    }

    /// <summary>Whether the row is exactly the integers from <paramref name="start"/>, one per column, in order.</summary>
    private static bool IsCount(string?[] row, int start)
    {
        for (int c = 0; c < row.Length; c++)
        {
            if (row[c] != (c + start).ToString(System.Globalization.CultureInfo.InvariantCulture))
                return false;
        }
        return true;
    }

    /// <summary>Whether the row's numbers are each its column's number from <paramref name="start"/> (0, 1, ...), and
    /// it has both such numbers and texts.</summary>
    private static bool IsNamedCount(string?[] row, int start, Func<string?, bool> isNumber)
    {
        int numbers = 0, texts = 0;
        for (int c = 0; c < row.Length; c++)
        {
            if (row[c] is null)
                return false;
            if (!isNumber(row[c]))
                texts++;
            else if (row[c] == (c + start).ToString(System.Globalization.CultureInfo.InvariantCulture))
                numbers++;
            else
                return false;
        }
        return numbers > 0 && texts > 0;
    }

    /// <summary>For --no-header: the first row is surely a header when every cell of it is text and some column has
    /// only numbers (and at least one) in the rows below; returns that column, else null.</summary>
    private static int? LooksLikeHeader(CsvDialect dialect, List<string?[]> records)
    {
        var first = records[0];
        if (records.Count < 2 || first.Any(f => f is null || NumberGrammar.IsNumber(f, dialect.DecimalComma, out _)))
            return null;
        for (int c = 0; c < first.Length; c++)
        {
            var column = records.Skip(1).Select(row => row[c]).Where(v => v is not null).ToArray();
            if (column.Length > 0 && column.All(v => NumberGrammar.IsNumber(v, dialect.DecimalComma, out _)))
                return c;
        }
        return null;
    }

    /// <summary>The column names of a header row, as written (trimmed): a missing-value word such as 'NA' or '?' is a
    /// name there like any other; an empty cell is named col1, col2, ... by its position.</summary>
    private static string[] HeaderNames(string path, string[] row)
    {
        var names = new string[row.Length];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookAlikes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < row.Length; c++)
        {
            // The reader takes one UTF-8 byte order mark off the file; a file written with two (a BOM added to a file
            // that had one) would keep the second in the first name, invisible, and --target a would not find 'a'.
            string cell = c == 0 ? row[c].TrimStart('\uFEFF') : row[c];
            string name = string.IsNullOrWhiteSpace(cell) ? GeneratedName(c + 1) : cell.Trim();
            if (seen.TryGetValue(name, out int earlier))
                throw InputException.At(path, 1, c + 1, $"the header names column {earlier + 1} and column {c + 1} both '{Shorten(name)}'; expected unique column names");
            if (!lookAlikes.TryAdd(LookAlikeNames.Key(name), c))
                throw LookAlikeNames.Refused(path, lookAlikes[LookAlikeNames.Key(name)], names[lookAlikes[LookAlikeNames.Key(name)]], c, name);
            seen[name] = c;
            names[c] = name;
        }
        return names;
    }

    /// <summary>In a file that could have a decimal comma (its delimiter is not ',') but has none in its first rows:
    /// a column whose cells with a '.' all look like thousands (56.123, 1.234.567: 1 to 3 digits, not starting with
    /// 0, then groups of 3) is refused as ambiguous, naming its first such cell, rather than read as decimals (German
    /// 56.123 is 56123), when integers sit beside them, or when no number of the file has a '.' that thousands
    /// separators would not write (1.234;2.500;3.100;4.000 alone: nothing says '.' is a decimal point).</summary>
    private static void CheckDotThousands(string path, List<string?[]> records, List<long> lines, int skip, string[] header)
    {
        bool plainDecimals = records.Skip(skip).Any(row => row.Any(cell => cell is not null && cell.Contains('.', StringComparison.Ordinal) && !DotThousands().IsMatch(cell) && NumberGrammar.IsNumber(cell, false, out _)));
        for (int c = 0; c < records[0].Length; c++)
        {
            int first = -1;
            bool integers = false, otherDots = false;
            for (int r = skip; r < records.Count && !otherDots; r++)
            {
                if (records[r][c] is not { } cell)
                    continue;
                if (DotThousands().IsMatch(cell))
                    first = first < 0 ? r : first;
                else if (NumberGrammar.IsNumber(cell, false, out double value))
                    (integers, otherDots) = (integers || value == Math.Floor(value) && !cell.Contains('.', StringComparison.Ordinal), otherDots || cell.Contains('.', StringComparison.Ordinal));
                else
                    otherDots = true; // a text column
            }
            if (first >= 0 && !otherDots && (integers || !plainDecimals))
            {
                string cell = records[first][c]!.Trim();
                throw InputException.At(path, lines[first], c + 1, $"'{Shorten(cell)}' in column '{Shorten(header[c])}' is ambiguous: every number with a '.' in it has groups of 3 digits after it, {(integers ? "beside integers" : "and no number of the file has a '.' otherwise")}, as thousands separators write them ({cell.Replace(".", "", StringComparison.Ordinal)}); write the numbers without thousands separators, or, if these are decimals, with a decimal comma and --decimal-comma");
            }
        }
    }

    [GeneratedRegex(@"^\s*[+-]?[1-9][0-9]{0,2}(\.[0-9]{3})+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DotThousands();

    private static bool LooksLikeDecimalComma(string? text) => text is not null && DecimalCommaNumber().IsMatch(text);

    [GeneratedRegex(@"^\s*[+-]?(\d{1,3}(\.\d{3})+|\d*),\d+([eE][+-]?\d+)?\s*$")]
    private static partial Regex DecimalCommaNumber();
}
