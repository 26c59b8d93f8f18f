using System.Runtime.ExceptionServices;
using CsvHelper;

namespace NeuralNet.Data;

/// <summary>
/// Reads a file as <see cref="FileChunks"/> parts, one reader per worker, each writing its records from its part's
/// first row on; then closes the gaps a part leaves when it has fewer records than its room (empty lines, records
/// over several lines), so the rows end up in file order, contiguous, in the one matrix. The same cells are read as
/// by one reader, and the same error reported: that of the first part, in file order, that has one.
/// </summary>
internal static class ChunkedRead
{
    /// <summary>Records between two looks at the cancellation token.</summary>
    private const int CancelCheckRecords = 1024;

    /// <summary>What one part's reader did.</summary>
    /// <param name="Misplaced">The part ended inside a quoted field, or held more records than its room: its end (and
    /// the next part's start) is not a record boundary.</param>
    private sealed record PartResult(int Records, Dictionary<int, ColumnTypes.NotNumbers> NotNumbers, ExceptionDispatchInfo? Error, bool Misplaced);

    /// <summary>Reads every part into the writer's arrays; returns the rows and the cells of numeric columns that are
    /// not numbers (as <see cref="CsvLoader"/>'s single reader does), or null when a part was misplaced (then
    /// nothing read is usable and the file is to be read by one reader).</summary>
    /// <param name="fatal">The error of a record's fatal problem.</param>
    /// <param name="texts">The text arrays the writer fills, moved with the rows when gaps are closed.</param>
    public static (int Rows, Dictionary<int, ColumnTypes.NotNumbers> NotNumbers)? Read(CsvScan scan, FileChunk[] chunks, RecordWriter writer, Func<RecordProblem, InputException> fatal,
        float[] numbers, int numericCount, int[] lines, string?[][] texts, int workers, CancellationToken cancel)
    {
        var results = new PartResult[chunks.Length];
        using (var file = File.OpenHandle(scan.ReadPath))
            Parallel.For(0, chunks.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => results[i] = ReadPart(scan, file, chunks, i, writer, fatal, cancel));
        cancel.ThrowIfCancellationRequested();
        if (results.Any(r => r.Misplaced))
            return null;
        Array.Find(results, r => r.Error is not null)?.Error!.Throw();
        int rows = 0;
        var notNumbers = new Dictionary<int, ColumnTypes.NotNumbers>();
        for (int i = 0; i < chunks.Length; i++)
        {
            int from = chunks[i].RowBase, count = results[i].Records;
            if (from != rows)
            {
                Array.Copy(numbers, (long)from * numericCount, numbers, (long)rows * numericCount, (long)count * numericCount);
                Array.Copy(lines, from, lines, rows, count);
                foreach (var column in texts)
                    Array.Copy(column, from, column, rows, count);
            }
            rows += count;
            // The first cell of a column that is not a number is the first part's that has one.
            foreach (var (column, tally) in results[i].NotNumbers)
            {
                if (!notNumbers.TryGetValue(column, out var merged))
                    notNumbers[column] = merged = new ColumnTypes.NotNumbers(tally.First);
                merged.Count += tally.Count;
            }
        }
        return (rows, notNumbers);
    }

    private static PartResult ReadPart(CsvScan scan, Microsoft.Win32.SafeHandles.SafeFileHandle file, FileChunk[] chunks, int index, RecordWriter writer,
        Func<RecordProblem, InputException> fatal, CancellationToken cancel)
    {
        var chunk = chunks[index];
        var notNumbers = new Dictionary<int, ColumnTypes.NotNumbers>();
        int records = 0;
        try
        {
            var options = CsvScan.ReaderOptions(scan.Dialect.Delimiter, index == 0 && scan.Dialect.HasHeader, scan.Path, null, lineOffset: chunk.LineOffset, lastPart: index == chunks.Length - 1);
            using var reader = CsvReader.Create(new FileChunks.Part(file, chunk.Start, chunk.End), options, leaveOpen: false);
            while (reader.Read())
            {
                if (records % CancelCheckRecords == 0 && cancel.IsCancellationRequested)
                    break;
                var problem = writer.Write(reader, chunk.RowBase, chunk.Room, chunk.LineOffset);
                if (ReferenceEquals(problem, RecordProblem.Overflow))
                    return new PartResult(records, notNumbers, null, Misplaced: true);
                records++;
                if (problem is not null && CsvLoader.Tally(problem, notNumbers) is { } stop)
                    return new PartResult(records, notNumbers, ExceptionDispatchInfo.Capture(fatal(stop)), false);
            }
            return new PartResult(records, notNumbers, null, false);
        }
        catch (FileChunks.MisplacedEnd)
        {
            return new PartResult(records, notNumbers, null, Misplaced: true);
        }
        catch (Exception e)
        {
            return new PartResult(records, notNumbers, ExceptionDispatchInfo.Capture(e), false);
        }
    }
}
