namespace NeuralNet.Data;

/// <summary>
/// Reads a CSV file into <see cref="RawData"/>, or explains in one line what is wrong. <see cref="CsvScan"/> sniffs
/// the start of the file and estimates its rows; then every record is parsed once, on the run's threads
/// (<see cref="DataOptions.Workers"/>), each writing its row's numbers straight into one matrix allocated up front. A
/// large UTF-8 file is split at record boundaries into one part per worker, each read by a CsvHelper reader of its
/// own (<see cref="FileChunks"/>, <see cref="ChunkedRead"/>); another file (small, another encoding, space-separated)
/// is read by one reader whose records the threads share (CsvHelper's <c>ParallelEnumerate</c>).
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
        // A large UTF-8 file is read in parts, one reader per worker; their line counts bound its rows exactly.
        var chunks = workers > 1 && scan.Spaces is null && scan.RowNamesPrefix is null && scan.Encoding is null && scan.EncodingName == "utf-8" && scan.Dialect.Quote is null
            ? FileChunks.Plan(scan.ReadPath, workers, scan.Dialect.HasHeader) : null;
        int capacity = chunks is null ? scan.EstimatedRows : Math.Max(1, chunks[^1].RowBase + chunks[^1].Room);
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
            var writer = new RecordWriter(scan, [.. columns.Where(c => c.Column.Kind == ColumnKind.Numeric).Select(c => c.Column.Index)],
                [.. columns.Where(c => c.Column.Texts is not null).Select(c => c.Column)], numbers, offsets, lines);
            InputException Fatal(RecordProblem p) => p.ToException(scan, NameOf(columns, p.Column), offset: OffsetOf(columns, offsets, p.Column));
            var inParts = chunks is null ? null : ChunkedRead.Read(scan, chunks, writer, Fatal, numbers, numericCount, lines,
                [.. columns.Where(c => c.Column.Texts is not null).Select(c => c.Column.Texts!)], workers, cancel);
            // A part that ended inside a quoted field (a stray quote misled the split): the file is read whole.
            chunks = inParts is null ? null : chunks;
            var (rows, notNumbers) = inParts ?? ReadRecords(scan, columns, writer, offsets, workers, cancel);
            if (rows > capacity)
            {
                // More rows than the estimate (rows much longer at the start than further on): read again, exactly.
                capacity = rows;
                continue;
            }
            var raw = new RawData(scan.Path, scan.Dialect, rows, rows == lines.Length ? lines : lines[..rows], numbers, numericCount,
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

    /// <summary>Parses every record into the arrays, which have room for <c>writer.Capacity</c> rows, with one reader
    /// whose records <paramref name="workers"/> threads write (CsvHelper's ParallelEnumerate). Returns the number of
    /// records in the file (more than the room: nothing else is usable), and the cells of numeric columns that are not
    /// numbers, by column, in file order; stops at the first fatal problem, or when <paramref name="cancel"/> is
    /// cancelled (leaving the enumeration stops the reading threads).</summary>
    private static (int Rows, Dictionary<int, ColumnTypes.NotNumbers> NotNumbers) ReadRecords(CsvScan scan, ReadColumn[] columns, RecordWriter writer, double[] offsets,
        int workers, CancellationToken cancel)
    {
        using var reader = scan.OpenReader();
        int room = writer.Capacity;
        int rows = 0;
        var notNumbers = new Dictionary<int, ColumnTypes.NotNumbers>();
        foreach (var problem in reader.ParallelEnumerate(record => writer.Write(record, 0, room, 0), workers))
        {
            cancel.ThrowIfCancellationRequested();
            rows++;
            if (problem is not null && Tally(problem, notNumbers) is { } fatal)
                throw fatal.ToException(scan, NameOf(columns, fatal.Column), offset: OffsetOf(columns, offsets, fatal.Column));
        }
        return (rows, notNumbers);
    }

    /// <summary>Counts a record's cells that are not numbers into <paramref name="notNumbers"/> (the first of each
    /// column kept); returns its fatal problem, if it has one.</summary>
    internal static RecordProblem? Tally(RecordProblem problem, Dictionary<int, ColumnTypes.NotNumbers> notNumbers)
    {
        for (var p = problem; p is not null; p = p.Next)
        {
            if (p.IsFatal)
                return p;
            if (p.Kind != ProblemKind.NotANumber)
                continue;
            if (!notNumbers.TryGetValue(p.Column, out var tally))
                notNumbers[p.Column] = tally = new ColumnTypes.NotNumbers(p);
            tally.Count++;
        }
        return null;
    }

    // Not a lambda in the loop above: one capturing p made a closure object for every record, fatal or not (1.4 MB of
    // garbage on Fashion-MNIST's 60,000 rows).
    private static string NameOf(ReadColumn[] columns, int index) => Array.Find(columns, c => c.Column.Index == index)?.Column.Name ?? "";

    private static double OffsetOf(ReadColumn[] columns, double[] offsets, int index) =>
        Array.Find(columns, c => c.Column.Index == index)?.Column is { Kind: ColumnKind.Numeric } column ? offsets[column.Slot] : 0;

    private sealed record ReadColumn(bool IsTarget, RawColumn Column);
}
