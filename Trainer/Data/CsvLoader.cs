using System.Runtime.CompilerServices;
using CsvHelper;

namespace NeuralNet.Data;

/// <summary>
/// Reads a CSV file into <see cref="RawData"/>, or explains in one line what is wrong. <see cref="CsvScan"/> sniffs
/// the start of the file and estimates its rows; then CsvHelper's <c>ParallelEnumerate</c> parses the records on
/// two threads, each writing its row's numbers straight into the matrix preallocated for the estimate (read
/// again, exactly, in the rare case of more rows).
/// </summary>
public static class CsvLoader
{
    private const int Threads = 2;

    /// <summary>Reads a training file.</summary>
    /// <param name="targets">The target columns, by header name or 0-based index (negative counts from the end);
    /// null or empty for the last column.</param>
    public static RawData Load(string path, IReadOnlyList<string>? targets, DataOptions options)
    {
        var scan = CsvScan.Read(path, options);
        var (requests, dropped) = ColumnRequests.ForTraining(scan, targets, options.Drop);
        return Read(scan, requests, dropped);
    }

    /// <summary>Reads another file for a trained model (a test file, or rows to predict): the features it was
    /// trained on, by name, and its targets when the file has them.</summary>
    /// <param name="extraTextColumns">Columns to read as text beside the features (IDs), when the file has them and
    /// they are not read already.</param>
    public static RawData LoadFor(Preprocessing preprocessing, string path, DataOptions options, bool requireTargets, IReadOnlyList<string>? extraTextColumns = null)
    {
        var scan = CsvScan.Read(path, options);
        var requests = ColumnRequests.ForModel(scan, preprocessing, requireTargets);
        foreach (string extra in extraTextColumns ?? [])
        {
            if (Array.IndexOf(scan.Header, extra) is int c and >= 0 && !requests.Any(r => r.Index == c))
                requests = [.. requests, new ColumnRequest(c, extra, false, ColumnKind.Text)];
        }
        return Read(scan, requests, []);
    }

    /// <summary>Checks, from its first rows only, that another file has the columns <see cref="LoadFor"/> will need
    /// (targets included), with the same messages.</summary>
    public static void CheckColumnsFor(Preprocessing preprocessing, string path, DataOptions options) =>
        ColumnRequests.ForModel(CsvScan.Read(path, options), preprocessing, requireTargets: true);

    /// <summary>The column names of a file: its header row, or col1, col2, ... without one.</summary>
    public static string[] ReadHeader(string path, DataOptions options) => CsvScan.Read(path, options).Header;

    private static RawData Read(CsvScan scan, ColumnRequest[] requests, string[] dropped)
    {
        var kinds = requests.Select(r => r.Kind ?? KindFromSample(scan, r.Index)).ToArray();
        int capacity = scan.EstimatedRows;
        while (true)
        {
            var columns = Columns(requests, kinds, capacity, out int numericCount);
            // Not zeroed: every used value is written by the read, and the first touch of the pages then happens
            // on the reading threads, in parallel, instead of in one zeroing pass before it.
            long values = (long)capacity * numericCount;
            if (values > Array.MaxLength)
                throw new InputException($"{scan.Path}: about {capacity:N0} rows × {numericCount:N0} numeric columns is more than one matrix can hold ({Array.MaxLength:N0} values)");
            AvailableMemory.Check(values * sizeof(float), $"{scan.Path}: about {capacity:N0} rows × {numericCount:N0} numeric columns", "use a smaller file or --drop columns");
            var numbers = GC.AllocateUninitializedArray<float>((int)values);
            var lines = new int[capacity];
            var (rows, problem) = ReadRecords(scan, columns, numbers, numericCount, lines);
            if (problem is null && rows <= capacity)
                return new RawData(scan.Path, scan.Dialect, rows, lines[..rows], numbers, numericCount,
                    [.. columns.Where(c => !c.IsTarget).Select(c => Trimmed(c.Column, rows))],
                    [.. columns.Where(c => c.IsTarget).Select(c => Trimmed(c.Column, rows))], dropped);
            if (problem is null)
            {
                // More rows than the estimate (rows much longer at the start than further on): read again, exactly.
                capacity = rows;
                continue;
            }

            // A column whose sampled rows were all numbers has text further down: read it again as text.
            int request = Array.FindIndex(requests, r => r.Index == problem.Column);
            if (problem.Kind == ProblemKind.NotANumber && requests[request].Kind is null)
            {
                kinds[request] = ColumnKind.Text;
                continue;
            }
            throw problem.ToException(scan, request >= 0 ? requests[request].Name : "");
        }
    }

    private static ReadColumn[] Columns(ColumnRequest[] requests, ColumnKind[] kinds, int capacity, out int numericCount)
    {
        int slot = 0;
        var columns = new ReadColumn[requests.Length];
        for (int i = 0; i < requests.Length; i++)
        {
            var r = requests[i];
            columns[i] = new ReadColumn(r.IsTarget, kinds[i] == ColumnKind.Numeric
                ? new RawColumn(r.Name, r.Index, ColumnKind.Numeric, slot++, null)
                : new RawColumn(r.Name, r.Index, ColumnKind.Text, -1, new string?[capacity]));
        }
        numericCount = slot;
        return columns;
    }

    private static RawColumn Trimmed(RawColumn column, int rows) =>
        column.Texts is { } texts && texts.Length != rows ? column with { Texts = texts[..rows] } : column;

    /// <summary>Parses every record into the arrays, which have room for <c>lines.Length</c> rows. Returns the number
    /// of records in the file, and the first problem in file order, or null.</summary>
    private static (int Rows, RecordProblem? Problem) ReadRecords(CsvScan scan, ReadColumn[] columns, float[] numbers, int numericCount, int[] lines)
    {
        var numeric = columns.Where(c => c.Column.Kind == ColumnKind.Numeric).Select(c => c.Column.Index).ToArray();
        var text = columns.Where(c => c.Column.Kind == ColumnKind.Text).Select(c => c.Column).ToArray();
        var dialect = scan.Dialect;
        int fields = scan.Header.Length;
        int capacity = lines.Length;
        using var reader = CsvScan.Open(scan.Path, CsvScan.ReaderOptions(dialect.Delimiter, dialect.HasHeader, dialect.DecimalComma, scan.Path));

        // Runs on the reading threads, each on its own records: rows are written at their own place, so no locks.
        // Like the other loops over every value of a file, it runs in one process once: optimised from the start,
        // rather than in unoptimised code until tiered compilation catches up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        RecordProblem? ReadRecord(CsvReader record)
        {
            if (record.FieldCount != fields)
                return RecordProblem.Ragged(record, fields);
            long row = record.RowNumber - 1;
            if (row >= capacity)
                return RecordProblem.Overflow;
            lines[row] = (int)record.LineNumber;
            var values = numbers.AsSpan((int)row * numericCount, numericCount);
            for (int k = 0; k < numeric.Length; k++)
            {
                int c = numeric[k];
                if (NumberParsing.TryParseInteger(record.GetSpan(c), out float value) || (record.TryParse(c, out value) && float.IsFinite(value)))
                    values[k] = value;
                else if (float.IsNaN(value) || record.IsNull(c))
                    values[k] = float.NaN;
                else
                    return RecordProblem.Of(record, c, value);
            }
            foreach (var column in text)
                column.Texts![row] = record.IsNull(column.Index) ? null : record.GetString(column.Index);
            return null;
        }

        int rows = 0;
        foreach (var problem in reader.ParallelEnumerate(ReadRecord, Threads))
        {
            if (problem is not null && problem != RecordProblem.Overflow)
                return (rows, problem);
            rows++;
        }
        return (rows, null);
    }

    /// <summary>Numeric when every sampled value that is not missing is a number (or an infinity, which is then
    /// reported as an error rather than taken as a category).</summary>
    private static ColumnKind KindFromSample(CsvScan scan, int column) =>
        scan.Sample.All(row => row[column] is not { } text || scan.Dialect.TryParseNumber(text, out _) || RecordProblem.LooksInfinite(text))
            ? ColumnKind.Numeric
            : ColumnKind.Text;

    private sealed record ReadColumn(bool IsTarget, RawColumn Column);
}
