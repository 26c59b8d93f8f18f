using System.Runtime.CompilerServices;
using CsvHelper;

namespace NeuralNet.Data;

/// <summary>
/// Reads a CSV file into <see cref="RawData"/>, or explains in one line what is wrong. <see cref="CsvScan"/> sniffs
/// the start of the file and estimates its rows; then CsvHelper's <c>ParallelEnumerate</c> parses every record
/// once, on the run's threads (<see cref="DataOptions.Workers"/>), each writing its row's numbers straight into the matrix preallocated for the estimate.
/// <para>
/// A column's kind is decided from all of its cells, wherever they are (<see cref="ColumnTypes"/>): the first rows
/// only choose how it is tried. A column tried as numbers notes each cell that is not a number; one tried as text
/// keeps its texts, whose numbers are counted after the read. The file is read again only in the rare cases
/// <see cref="CsvSource"/> lists.
/// </para>
/// </summary>
public static class CsvLoader
{
    /// <summary>Reads a training file.</summary>
    /// <param name="targets">The target columns, by header name or 0-based index (negative counts from the end);
    /// null or empty for the last column.</param>
    public static RawData Load(string path, IReadOnlyList<string>? targets, DataOptions options)
    {
        var scan = CsvScan.Read(path, options);
        var (requests, dropped) = ColumnRequests.ForTraining(scan, targets, options);
        return Read(scan, requests, dropped, options.WorkerCount);
    }

    /// <summary>Reads another file for a trained model (a test file, or rows to predict): the features it was
    /// trained on, by name, and its targets when the file has them.</summary>
    /// <param name="extraTextColumns">Columns to read as text beside the features (IDs), when the file has them and
    /// they are not read already.</param>
    /// <param name="cancel">Stops the read between records, with <see cref="OperationCanceledException"/>.</param>
    public static RawData LoadFor(Preprocessing preprocessing, string path, DataOptions options, bool requireTargets, IReadOnlyList<string>? extraTextColumns = null,
        CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        var scan = CsvScan.Read(path, options);
        var requests = ColumnRequests.ForModel(scan, preprocessing, requireTargets);
        foreach (string extra in extraTextColumns ?? [])
        {
            if (Array.IndexOf(scan.Header, extra) is not (int c and >= 0))
                continue;
            // A numeric feature keeps its text too, so that an ID is copied as written, not as the float read.
            int requested = Array.FindIndex(requests, r => r.Index == c);
            requests = requested < 0 ? [.. requests, new ColumnRequest(c, extra, false, ColumnKind.Text, ColumnRequest.ByModel)]
                : requests[requested].Kind == ColumnKind.Numeric ? [.. requests.Select((r, i) => i == requested ? r with { KeepText = true } : r)]
                : requests;
        }
        return Read(scan, requests, [], options.WorkerCount, cancel);
    }

    /// <summary>Checks, from its first rows only, that another file has the columns <see cref="LoadFor"/> will need
    /// (targets included), with the same messages.</summary>
    public static void CheckColumnsFor(Preprocessing preprocessing, string path, DataOptions options) =>
        ColumnRequests.ForModel(CsvScan.Read(path, options), preprocessing, requireTargets: true);

    /// <summary>The column names of a file: its header row, or col1, col2, ... without one.</summary>
    public static string[] ReadHeader(string path, DataOptions options) => CsvScan.Read(path, options).Header;

    /// <param name="workers">Threads that parse the records.</param>
    private static RawData Read(CsvScan scan, ColumnRequest[] requests, string[] dropped, int workers, CancellationToken cancel = default)
    {
        var kinds = requests.Select(r => r.Kind ?? ColumnTypes.FirstTry(scan, r.Index)).ToArray();
        int capacity = scan.EstimatedRows;
        while (true)
        {
            var columns = Columns(requests, kinds, capacity, out int numericCount);
            double[] offsets = [.. columns.Where(c => c.Column.Kind == ColumnKind.Numeric).Select(c => NumericOffsets.For(scan, c.Column.Index))];
            // Not zeroed: every used value is written by the read, and the first touch of the pages then happens
            // on the reading threads, in parallel, instead of in one zeroing pass before it. The room for one-hot
            // inputs at its end is not touched by the read: it costs address space, not memory, until the
            // encoding widens the rows into it.
            long values = (long)capacity * (numericCount + OneHotRoom(scan, requests, kinds));
            if (values > Array.MaxLength)
                throw new InputException($"{scan.Path}: about {capacity:N0} rows × {numericCount:N0} numeric columns is more than one matrix can hold ({Array.MaxLength:N0} values)");
            AvailableMemory.Check(values * sizeof(float), $"{scan.Path}: about {capacity:N0} rows × {numericCount:N0} numeric columns", "use a smaller file or --drop columns");
            var numbers = GC.AllocateUninitializedArray<float>((int)values);
            var lines = new int[capacity];
            var (rows, notNumbers) = ReadRecords(scan, columns, numbers, offsets, lines, workers, cancel);
            if (rows > capacity)
            {
                // More rows than the estimate (rows much longer at the start than further on): read again, exactly.
                capacity = rows;
                continue;
            }
            var raw = new RawData(scan.Path, scan.Dialect, rows, lines[..rows], numbers, numericCount,
                [.. columns.Where(c => !c.IsTarget).Select(c => Trimmed(c.Column, rows))],
                [.. columns.Where(c => c.IsTarget).Select(c => TargetAnalysis.ByValue(Trimmed(c.Column, rows), scan.Dialect.DecimalComma))], dropped,
                scan.Sniffed, scan.EncodingName, [.. requests.Where(r => r.Source == "--categorical").Select(r => r.Name)]) { Offsets = offsets, Missing = scan.Missing };
            // A column first tried as numbers that is text further down (more than a few stray cells): read again, that
            // column as text.
            var (retry, notes) = ColumnTypes.Decide(scan, raw, requests, notNumbers);
            if (retry.Length == 0)
            {
                // The arrays sized for the estimate, trimmed above, are large-object garbage that only a full
                // collection frees: freed now, the preparation's arrays (codes, labels, rows, targets) reuse their
                // memory instead of adding to it (80 MB of a 4M-row table's peak).
                if (capacity >= LargeFileRows)
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
                return raw with { Notes = notes };
            }
            foreach (int request in retry)
                kinds[request] = ColumnKind.Text;
        }
    }

    /// <summary>Rows from which the read collects its garbage before returning (see <see cref="Read"/>).</summary>
    private const int LargeFileRows = 1_000_000;

    /// <summary>Sampled categories of a text feature beyond which no room is left for its one-hot inputs (an ID or
    /// a column of many categories, likely dropped or with more categories further down).</summary>
    public const int MaxSampledCategories = 64;

    /// <summary>
    /// Inputs per row to leave room for after the numeric values, so that the encoding can write the model's rows
    /// (numeric and one-hot inputs) over the read ones, in the same matrix, instead of into a second one: each text
    /// feature's categories in the sample, plus one for a missing category. A file with more categories further down
    /// than in its sample is encoded into its own matrix, as before (<see cref="Preprocessing.ApplyShared"/>).
    /// </summary>
    private static int OneHotRoom(CsvScan scan, ColumnRequest[] requests, ColumnKind[] kinds)
    {
        int room = 0;
        for (int i = 0; i < requests.Length; i++)
        {
            if (requests[i].IsTarget || kinds[i] != ColumnKind.Text)
                continue;
            int categories = scan.Sample.Select(row => row[requests[i].Index]).OfType<string>().Distinct(StringComparer.Ordinal).Count();
            if (categories <= MaxSampledCategories && categories * 2 <= scan.Sample.Length)
                room += categories + 1;
        }
        return room;
    }

    private static ReadColumn[] Columns(ColumnRequest[] requests, ColumnKind[] kinds, int capacity, out int numericCount)
    {
        int slot = 0;
        var columns = new ReadColumn[requests.Length];
        for (int i = 0; i < requests.Length; i++)
        {
            var r = requests[i];
            columns[i] = new ReadColumn(r.IsTarget, kinds[i] == ColumnKind.Numeric
                ? new RawColumn(r.Name, r.Index, ColumnKind.Numeric, slot++, r.KeepText ? new string?[capacity] : null)
                : new RawColumn(r.Name, r.Index, ColumnKind.Text, -1, new string?[capacity]));
        }
        numericCount = slot;
        return columns;
    }

    private static RawColumn Trimmed(RawColumn column, int rows) =>
        column.Texts is { } texts && texts.Length != rows ? column with { Texts = texts[..rows] } : column;

    /// <summary>Parses every record into the arrays, which have room for <c>lines.Length</c> rows. Returns the number
    /// of records in the file (more than the room: nothing else is usable), and the cells of numeric columns that
    /// are not numbers, by column, in file order; stops at the first fatal problem, or when <paramref name="cancel"/>
    /// is cancelled (leaving the enumeration stops the reading threads).</summary>
    /// <param name="offsets">Each numeric slot's offset (<see cref="NumericOffsets"/>), which its values are stored relative to.</param>
    private static (int Rows, Dictionary<int, ColumnTypes.NotNumbers> NotNumbers) ReadRecords(CsvScan scan, ReadColumn[] columns, float[] numbers, double[] offsets, int[] lines,
        int workers, CancellationToken cancel)
    {
        int numericCount = offsets.Length;
        var numeric = columns.Where(c => c.Column.Kind == ColumnKind.Numeric).Select(c => c.Column.Index).ToArray();
        // Text columns, and numeric ones whose text is kept too (KeepText).
        var text = columns.Where(c => c.Column.Texts is not null).Select(c => c.Column).ToArray();
        bool decimalComma = scan.Dialect.DecimalComma;
        var missing = scan.Missing;
        string? utf8Path = scan.Encoding is null ? scan.Path : null;
        int fields = scan.Header.Length;
        int capacity = lines.Length;
        using var reader = scan.OpenReader();

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
            RecordProblem? problems = null;
            for (int k = 0; k < numeric.Length; k++)
            {
                int c = numeric[k];
                var kind = NumberGrammar.Read(record.GetSpan(c), decimalComma, missing, offsets[k], out values[k]);
                if (kind is CellKind.NotANumber or CellKind.NotFinite or CellKind.OutOfSpan)
                {
                    problems = RecordProblem.Of(record, c, kind, utf8Path, problems);
                    if (problems.IsFatal)
                        return problems;
                }
            }
            foreach (var column in text)
            {
                if (utf8Path is not null && RecordProblem.Utf8(record, column.Index, utf8Path) is { } invalid)
                    return invalid;
                column.Texts![row] = CsvScan.TextOf(record, column.Index, missing);
            }
            return problems;
        }

        int rows = 0;
        var notNumbers = new Dictionary<int, ColumnTypes.NotNumbers>();
        foreach (var problem in reader.ParallelEnumerate(ReadRecord, workers))
        {
            cancel.ThrowIfCancellationRequested();
            rows++;
            for (var p = problem; p is not null; p = p.Next)
            {
                if (p.IsFatal)
                    throw p.ToException(scan, NameOf(columns, p.Column), offset: OffsetOf(columns, offsets, p.Column));
                if (p.Kind != ProblemKind.NotANumber)
                    continue;
                if (!notNumbers.TryGetValue(p.Column, out var tally))
                    notNumbers[p.Column] = tally = new ColumnTypes.NotNumbers(p);
                tally.Count++;
            }
        }
        return (rows, notNumbers);
    }

    // Not a lambda in the loop above: one capturing p made a closure object for every record, fatal or not (1.4 MB of
    // garbage on Fashion-MNIST's 60,000 rows).
    private static string NameOf(ReadColumn[] columns, int index) => Array.Find(columns, c => c.Column.Index == index)?.Column.Name ?? "";

    private static double OffsetOf(ReadColumn[] columns, double[] offsets, int index) =>
        Array.Find(columns, c => c.Column.Index == index)?.Column is { Kind: ColumnKind.Numeric } column ? offsets[column.Slot] : 0;

    private sealed record ReadColumn(bool IsTarget, RawColumn Column);
}
