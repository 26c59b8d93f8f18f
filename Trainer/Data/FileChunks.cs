using Microsoft.Win32.SafeHandles;

namespace NeuralNet.Data;

/// <summary>A part of a file for one reader: bytes [Start, End), starting at a record.</summary>
/// <param name="LineOffset">Lines of the file before <paramref name="Start"/>.</param>
/// <param name="RowBase">The matrix row of the part's first data record.</param>
/// <param name="Room">Data records the part can hold at most: its line breaks (one more in the last part, whose last
/// line may have none; one less in the first, for a header). Exact unless records span lines or lines are empty.</param>
internal sealed record FileChunk(long Start, long End, long LineOffset, int RowBase, int Room);

/// <summary>
/// Splits a UTF-8 file at record boundaries into one part per worker, so that each worker reads its part with a
/// reader of its own. One pass over the bytes, in parallel, counts each part's quotes and line breaks; a part then
/// starts after the first line break at or past its even share of the bytes with an even count of quotes before
/// it (outside quotes, in RFC 4180). A stray quote inside an unquoted field (5"), which a reader takes as text, can
/// make that count wrong; the part before such a start then ends inside a quoted field, its reader says so
/// (<see cref="MisplacedEnd"/>), and the file is read again by one reader. The line counts also give every part's
/// first line (for messages) and an exact bound on its rows, so that the matrix is allocated once, at its size.
/// </summary>
internal static class FileChunks
{
    /// <summary>Bytes per part below which a file is read by one reader: a small file is not worth the count.</summary>
    public static long MinBytesPerChunk { get; set; } = 8L << 20;

    /// <summary>Bytes looked at past a part's share for its first line break outside quotes.</summary>
    private const int BoundaryWindow = 1 << 20;

    private const int BufferBytes = 1 << 20;

    /// <summary>Thrown by the reader of a part that ends inside a quoted field: the part was misplaced.</summary>
    public sealed class MisplacedEnd : Exception;

    /// <summary>The parts of the file, or null when it is read whole (one worker, a small file, or no line break
    /// found near a share's end).</summary>
    public static FileChunk[]? Plan(string path, int workers, bool hasHeader)
    {
        using var file = File.OpenHandle(path);
        long length = RandomAccess.GetLength(file);
        int parts = (int)Math.Min(workers, length / Math.Max(1, MinBytesPerChunk));
        if (parts < 2)
            return null;
        var shares = new long[parts + 1];
        for (int i = 0; i <= parts; i++)
            shares[i] = length * i / parts;
        // A share does not start between the two bytes of a CR LF, which would count as two line breaks.
        Span<byte> one = stackalloc byte[1];
        for (int i = 1; i < parts; i++)
        {
            if (RandomAccess.Read(file, one, shares[i] - 1) == 1 && one[0] == (byte)'\r')
                shares[i]++;
        }
        var counts = new Counts[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => counts[i] = Count(file, shares[i], shares[i + 1]));
        var starts = new long[parts + 1];
        var linesBefore = new long[parts + 1];
        starts[parts] = length;
        long quotes = 0, lines = 0;
        for (int i = 0; i < parts; i++)
        {
            if (i > 0)
            {
                if (FirstRecordStart(file, shares[i], quotes % 2 == 1) is not var (start, breaks))
                    return null;
                (starts[i], linesBefore[i]) = (start, lines + breaks);
                if (starts[i] <= starts[i - 1] || starts[i] >= length)
                    return null;
            }
            quotes += counts[i].Quotes;
            lines += counts[i].LineBreaks;
        }
        linesBefore[parts] = lines;
        var chunks = new FileChunk[parts];
        int rowBase = 0;
        for (int i = 0; i < parts; i++)
        {
            long room = linesBefore[i + 1] - linesBefore[i] + (i == parts - 1 ? 1 : 0) - (i == 0 && hasHeader ? 1 : 0);
            if ((long)rowBase + room > Array.MaxLength)
                return null;
            chunks[i] = new FileChunk(starts[i], starts[i + 1], linesBefore[i], rowBase, (int)Math.Max(0, room));
            rowBase += chunks[i].Room;
        }
        return chunks;
    }

    /// <param name="LineBreaks">LF, CR LF and lone CR each count one, as the reader counts lines.</param>
    private readonly record struct Counts(long Quotes, long LineBreaks);

    private static Counts Count(SafeFileHandle file, long start, long end)
    {
        var buffer = new byte[BufferBytes];
        long quotes = 0, feeds = 0, returns = 0, pairs = 0;
        bool afterReturn = false;
        for (long at = start; at < end;)
        {
            int read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (read <= 0)
                break;
            var bytes = buffer.AsSpan(0, read);
            quotes += bytes.Count((byte)'"');
            feeds += bytes.Count((byte)'\n');
            int r = bytes.Count((byte)'\r');
            if (r > 0 || afterReturn)
            {
                returns += r;
                pairs += bytes.Count("\r\n"u8) + (afterReturn && bytes[0] == (byte)'\n' ? 1 : 0);
            }
            afterReturn = bytes[^1] == (byte)'\r';
            at += read;
        }
        return new Counts(quotes, feeds + returns - pairs);
    }

    /// <summary>Where the first record after <paramref name="from"/> starts (just after a line feed outside quotes),
    /// and the line breaks between them; null when none is within <see cref="BoundaryWindow"/>.</summary>
    private static (long Start, long Breaks)? FirstRecordStart(SafeFileHandle file, long from, bool inQuotes)
    {
        var buffer = new byte[BoundaryWindow];
        int read = RandomAccess.Read(file, buffer, from);
        long breaks = 0;
        for (int i = 0; i < read; i++)
        {
            byte b = buffer[i];
            if (b == (byte)'"')
                inQuotes = !inQuotes;
            else if (b == (byte)'\n')
            {
                breaks++;
                if (!inQuotes)
                    return (from + i + 1, breaks);
            }
            else if (b == (byte)'\r' && i + 1 < read && buffer[i + 1] != (byte)'\n')
                breaks++;
        }
        return null;
    }

    /// <summary>A read-only stream over bytes [start, end) of an open file, for a part's reader.</summary>
    public sealed class Part(SafeFileHandle file, long start, long end) : Stream
    {
        private readonly long _start = start;
        private long _position = start;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => end - _start;

        public override long Position
        {
            get => _position - _start;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = RandomAccess.Read(file, buffer[..(int)Math.Min(buffer.Length, end - _position)], _position);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
