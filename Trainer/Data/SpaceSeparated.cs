namespace NeuralNet.Data;

/// <summary>
/// Files separated by spaces rather than a delimiter: R's <c>write.table</c> (<c>"gpa" "tuce" "grade"</c> above
/// <c>"1" 2.77 22 1</c>: one space, quoted strings, and a row-name column the header has no name for), statsmodels'
/// exports with single quotes, and column-aligned files (runs of spaces). Sniffed from the first lines when they
/// hold none of the delimiters CsvHelper detects (, ; tab |) outside quotes but hold spaces; CsvHelper then reads
/// them with ' ' as the separator through <see cref="SpaceRunStream"/>, which makes each run of spaces one.
/// </summary>
/// <param name="Quote">The quote character: '"', or '\'' when the fields are quoted that way.</param>
/// <param name="RowNames">The header names one column fewer than the rows hold: R's row names, read as a first
/// column named <see cref="RowNamesColumn"/> (an ID).</param>
internal sealed record SpaceSeparated(char Quote, bool RowNames)
{
    /// <summary>The name the row-name column gets (R's own word for it); ID-like by its name.</summary>
    public const string RowNamesColumn = "row.names";

    private const int SniffedLines = 50;

    /// <summary>The layout of a space-separated file, or null when the file's first lines are not one (a delimiter
    /// outside quotes, no spaces, or field counts that do not agree).</summary>
    public static SpaceSeparated? Sniff(string readPath, System.Text.Encoding? encoding)
    {
        if (encoding is not null && !encoding.IsSingleByte)
            return null;
        var lines = new List<string>();
        try
        {
            using var reader = new StreamReader(readPath, encoding ?? System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            while (lines.Count < SniffedLines && reader.ReadLine() is { } line)
            {
                if (line.Trim().Length > 0)
                    lines.Add(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (lines.Count < 2)
            return null;
        char quote = QuoteOf(lines);
        var counts = lines.Select(line => FieldCount(line, quote)).ToArray();
        if (counts.Any(c => c is null) || counts[1] < 2 || counts.Skip(1).Any(c => c != counts[1]))
            return null;
        if (counts[0] == counts[1])
            return new SpaceSeparated(quote, false);
        return counts[0] == counts[1] - 1 ? new SpaceSeparated(quote, true) : null;
    }

    // Single quotes when a line's fields start and end with them and no field starts with a double quote.
    private static char QuoteOf(List<string> lines)
    {
        var fields = lines.SelectMany(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToArray();
        bool single = fields.Any(f => f.Length >= 2 && f[0] == '\'' && f[^1] == '\'');
        bool dbl = fields.Any(f => f.Length >= 1 && f[0] == '"');
        return single && !dbl ? '\'' : '"';
    }

    /// <summary>The fields of a line split at runs of spaces and tabs outside quotes; null when it has a delimiter
    /// (, ; |) or a tab-only layout outside quotes, or an unclosed quote.</summary>
    private static int? FieldCount(string line, char quote)
    {
        int fields = 0;
        bool inQuotes = false, inField = false, spaces = false;
        foreach (char c in line)
        {
            if (inQuotes)
            {
                if (c == quote)
                    inQuotes = false;
                continue;
            }
            if (c is ',' or ';' or '|')
                return null;
            if (c is ' ' or '\t')
            {
                spaces |= c == ' ';
                inField = false;
                continue;
            }
            if (!inField)
                fields++;
            inField = true;
            if (c == quote)
                inQuotes = true;
        }
        return inQuotes || (!spaces && fields > 1) ? null : fields;
    }

    /// <summary>The stream to read the file through: runs of spaces made one, the row-name column named.</summary>
    public Stream Wrap(Stream file) => new SpaceRunStream(file, (byte)Quote, RowNames ? $"{RowNamesColumn} " : null);
}

/// <summary>
/// A read-only stream over a space-separated file that writes each run of spaces and tabs outside quotes as one space
/// and drops those at the start and end of a line, so that CsvHelper, splitting at ' ', sees one field per column of
/// an aligned file; and that puts <c>prefix</c> before the first line (the name of R's row-name column). Line breaks
/// are kept, so line numbers in messages stay the file's.
/// </summary>
internal sealed class SpaceRunStream(Stream inner, byte quote, string? prefix) : ReadOnlyStream(inner)
{
    private readonly byte[] _input = new byte[1 << 16];
    private readonly byte[] _prefix = System.Text.Encoding.UTF8.GetBytes(prefix ?? "");
    // What is processed but not yet read: a space run never writes more bytes than it read, so one chunk of input
    // makes at most its length plus the prefix.
    private byte[] _output = new byte[(1 << 16) + 256];
    private int _outputStart, _outputEnd;
    private bool _prefixDue = prefix is not null;
    private bool _started;
    private bool _inQuotes;
    private bool _lineStart = true;
    private bool _space;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_outputStart == _outputEnd)
        {
            int read = Inner.Read(_input, 0, _input.Length);
            if (read == 0)
                return 0;
            Fill(_input.AsSpan(0, read));
        }
        int count = Math.Min(buffer.Length, _outputEnd - _outputStart);
        _output.AsSpan(_outputStart, count).CopyTo(buffer);
        _outputStart += count;
        return count;
    }

    private void Fill(ReadOnlySpan<byte> input)
    {
        if (_output.Length < input.Length + _prefix.Length + 1)
            _output = new byte[input.Length + _prefix.Length + 1];
        (_outputStart, _outputEnd) = (0, 0);
        // A UTF-8 byte order mark stays first, before the row-name column's name.
        if (!_started && input is [0xEF, 0xBB, 0xBF, ..])
        {
            foreach (byte b in input[..3])
                _output[_outputEnd++] = b;
            input = input[3..];
        }
        _started = true;
        foreach (byte b in input)
            Process(b);
    }

    private void Process(byte b)
    {
        if (_inQuotes)
        {
            _inQuotes = b != quote;
            _output[_outputEnd++] = b;
            return;
        }
        if (b is (byte)' ' or (byte)'\t')
        {
            _space = !_lineStart;
            return;
        }
        if (b is (byte)'\r' or (byte)'\n')
        {
            (_space, _lineStart) = (false, true);
            _output[_outputEnd++] = b;
            return;
        }
        if (_prefixDue)
        {
            _prefixDue = false;
            foreach (byte p in _prefix)
                _output[_outputEnd++] = p;
        }
        if (_space)
            _output[_outputEnd++] = (byte)' ';
        (_space, _lineStart, _inQuotes) = (false, false, b == quote);
        _output[_outputEnd++] = b;
    }
}
