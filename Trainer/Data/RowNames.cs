namespace NeuralNet.Data;

/// <summary>
/// R's row names in a file with a delimiter (write.table(sep = "," or "\t") and write.csv): a first column of
/// unique names (1, 2, 3, ... or texts) that the header has no name for (write.table: the header one field short)
/// or an empty name for (write.csv: <c>""</c>). The column is read as <see cref="SpaceSeparated.RowNamesColumn"/>,
/// an ID: dropped from the features by its name, copied by predict, and said on the csv: line. A file whose first
/// column is not unique keeps the error its short header is (<see cref="CsvScan.RaggedRow"/>): it is not R's.
/// </summary>
internal static class RowNames
{
    /// <summary>Whether the sampled first column can be row names: a value in every row, each a different one; and
    /// not a trailing delimiter (every row's last field empty), which makes a header one field short too.</summary>
    public static bool AreRowNames(IReadOnlyList<string?[]> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return rows.All(row => row.Length > 1 && row[0] is { } name && seen.Add(name)) && !rows.All(row => row[^1] is null);
    }

    /// <summary>Under an empty header cell (write.csv), row names rather than pandas' saved index: that starts at 0
    /// (its own line, <see cref="ColumnScreening"/>); R's count from 1, or are texts.</summary>
    public static bool UnderEmptyName(string[] firstRow, IReadOnlyList<string?[]> sample) =>
        firstRow.Length > 1 && string.IsNullOrWhiteSpace(firstRow[0]) && sample.Count > 0 && sample[0][0] != "0" && AreRowNames(sample);

    /// <summary>Thrown by the sample's read at its second record when that has one field more than the first
    /// (a header one name short); the scan reads again with the header completed.</summary>
    public sealed class ShortHeader(char separator, InputException ragged) : Exception(ragged.Message)
    {
        public char Separator { get; } = separator;

        /// <summary>The error the file is, if its first column is not row names after all.</summary>
        public InputException Ragged { get; } = ragged;
    }
}

/// <summary>A read-only stream that puts <paramref name="prefix"/> (ASCII) before the first line of
/// <paramref name="inner"/>, after a UTF-8 byte order mark if it has one: the name of R's row-name column.</summary>
internal sealed class PrefixStream(Stream inner, string prefix) : ReadOnlyStream(inner)
{
    private byte[] _pending = [];
    private int _pendingAt;
    private bool _started;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!_started)
        {
            _started = true;
            var head = new byte[3];
            int got = 0, n;
            while (got < 3 && (n = Inner.Read(head, got, 3 - got)) > 0)
                got += n;
            bool bom = got == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
            byte[] name = System.Text.Encoding.ASCII.GetBytes(prefix);
            _pending = bom ? [.. head, .. name] : [.. name, .. head.AsSpan(0, got)];
        }
        if (_pendingAt < _pending.Length)
        {
            int count = Math.Min(buffer.Length, _pending.Length - _pendingAt);
            _pending.AsSpan(_pendingAt, count).CopyTo(buffer);
            _pendingAt += count;
            return count;
        }
        return Inner.Read(buffer);
    }
}
