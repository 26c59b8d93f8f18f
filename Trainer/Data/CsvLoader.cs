using CsvHelper;

namespace NeuralNet.Data;

/// <summary>
/// Reads a CSV file into <see cref="RawData"/>, or explains in one line what is wrong. Two passes: <see cref="CsvScan"/>
/// sniffs, checks and counts the rows; then CsvHelper's <c>ParallelEnumerate</c> parses the records
/// on two threads, each writing its row's numbers straight into the preallocated matrix.
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
    public static RawData LoadFor(Preprocessing preprocessing, string path, DataOptions options, bool requireTargets)
    {
        var scan = CsvScan.Read(path, options);
        return Read(scan, ColumnRequests.ForModel(scan, preprocessing, requireTargets), []);
    }

    private static RawData Read(CsvScan scan, ColumnRequest[] requests, string[] dropped)
    {
        var kinds = requests.Select(r => r.Kind ?? KindFromSample(scan, r.Index)).ToArray();
        while (true)
        {
            var columns = Columns(scan, requests, kinds, out int numericCount);
            var numbers = new float[checked(scan.Rows * numericCount)];
            var lines = new int[scan.Rows];
            var problem = ReadRecords(scan, columns, numbers, numericCount, lines);
            if (problem is null)
                return new RawData(scan.Path, scan.Dialect, scan.Rows, lines, numbers, numericCount,
                    [.. columns.Where(c => !c.IsTarget).Select(c => c.Column)], [.. columns.Where(c => c.IsTarget).Select(c => c.Column)], dropped);

            // A column whose sampled rows were all numbers has text further down: read it again as text.
            int request = Array.FindIndex(requests, r => r.Index == problem.Column);
            if (problem.Kind == ProblemKind.NotANumber && requests[request].Kind is null)
            {
                kinds[request] = ColumnKind.Text;
                continue;
            }
            throw problem.ToException(scan, requests[request].Name);
        }
    }

    private static ReadColumn[] Columns(CsvScan scan, ColumnRequest[] requests, ColumnKind[] kinds, out int numericCount)
    {
        int slot = 0;
        var columns = new ReadColumn[requests.Length];
        for (int i = 0; i < requests.Length; i++)
        {
            var r = requests[i];
            columns[i] = new ReadColumn(r.IsTarget, kinds[i] == ColumnKind.Numeric
                ? new RawColumn(r.Name, r.Index, ColumnKind.Numeric, slot++, null)
                : new RawColumn(r.Name, r.Index, ColumnKind.Text, -1, new string?[scan.Rows]));
        }
        numericCount = slot;
        return columns;
    }

    /// <summary>Parses every record; returns the first problem in file order, or null.</summary>
    private static RecordProblem? ReadRecords(CsvScan scan, ReadColumn[] columns, float[] numbers, int numericCount, int[] lines)
    {
        var numeric = columns.Where(c => c.Column.Kind == ColumnKind.Numeric).Select(c => c.Column.Index).ToArray();
        var text = columns.Where(c => c.Column.Kind == ColumnKind.Text).Select(c => c.Column).ToArray();
        var dialect = scan.Dialect;
        using var reader = CsvScan.Open(scan.Path, CsvScan.ReaderOptions(dialect.Delimiter, dialect.HasHeader, dialect.DecimalComma, scan.Path));
        int rows = scan.Rows;

        RecordProblem? ReadRecord(CsvReader record)
        {
            long row = record.RowNumber - 1;
            if (row >= rows)
                return new RecordProblem(ProblemKind.FileChanged, record.LineNumber, 0, "");
            lines[row] = (int)record.LineNumber;
            var values = numbers.AsSpan((int)row * numericCount, numericCount);
            for (int k = 0; k < numeric.Length; k++)
            {
                int c = numeric[k];
                if (record.TryParse(c, out float value) && float.IsFinite(value))
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

        foreach (var problem in reader.ParallelEnumerate(ReadRecord, Threads))
        {
            if (problem is not null)
                return problem;
        }
        return null;
    }

    /// <summary>Numeric when every sampled value that is not missing is a number (or an infinity, which is then
    /// reported as an error rather than taken as a category).</summary>
    private static ColumnKind KindFromSample(CsvScan scan, int column) =>
        scan.Sample.All(row => row[column] is not { } text || scan.Dialect.TryParseNumber(text, out _) || RecordProblem.LooksInfinite(text))
            ? ColumnKind.Numeric
            : ColumnKind.Text;

    private sealed record ReadColumn(bool IsTarget, RawColumn Column);
}
