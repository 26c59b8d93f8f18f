using System.Runtime.CompilerServices;
using CsvHelper;

namespace NeuralNet.Data;

/// <summary>
/// Writes one record of a file into the arrays of a read: its numeric cells into the matrix, its texts into their
/// columns, its line; returns what it could not store. Called on the reading threads, each on its own records:
/// every row is written at its own place, so no locks.
/// </summary>
/// <param name="numeric">The file columns read as numbers, in slot order.</param>
/// <param name="text">The columns whose texts are kept (text columns, and numeric ones with KeepText).</param>
/// <param name="offsets">Each numeric slot's offset (<see cref="NumericOffsets"/>), which its values are stored relative to.</param>
/// <param name="lines">(rows): the file line each row starts on.</param>
internal sealed class RecordWriter(CsvScan scan, int[] numeric, RawColumn[] text, float[] numbers, double[] offsets, int[] lines)
{
    private readonly bool _decimalComma = scan.Dialect.DecimalComma;
    private readonly MissingValues _missing = scan.Missing;
    private readonly string? _utf8Path = scan.Encoding is null ? scan.Path : null;
    private readonly int _fields = scan.Header.Length;

    /// <summary>Rows the arrays have room for.</summary>
    public int Capacity => lines.Length;

    /// <summary>Writes <paramref name="record"/> as row <paramref name="rowBase"/> + its record number − 1.</summary>
    /// <param name="room">Rows from <paramref name="rowBase"/> that this reader may write; past them the record is
    /// <see cref="RecordProblem.Overflow"/>.</param>
    /// <param name="lineOffset">Lines of the file before the part <paramref name="record"/>'s reader reads.</param>
    // Like the other loops over every value of a file, it runs in one process once: optimised from the start, rather
    // than in unoptimised code until tiered compilation catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RecordProblem? Write(CsvReader record, int rowBase, int room, long lineOffset)
    {
        if (record.FieldCount != _fields)
            return RecordProblem.Ragged(record, _fields, lineOffset);
        long local = record.RowNumber - 1;
        if (local >= room)
            return RecordProblem.Overflow;
        int row = rowBase + (int)local;
        lines[row] = (int)(record.LineNumber + lineOffset);
        int numericCount = offsets.Length;
        var values = numbers.AsSpan(row * numericCount, numericCount);
        RecordProblem? problems = null;
        for (int k = 0; k < numeric.Length; k++)
        {
            int c = numeric[k];
            var kind = NumberGrammar.Read(record.GetSpan(c), _decimalComma, _missing, offsets[k], out values[k]);
            if (kind is CellKind.NotANumber or CellKind.NotFinite or CellKind.OutOfSpan)
            {
                problems = RecordProblem.Of(record, c, kind, _utf8Path, problems, lineOffset);
                if (problems.IsFatal)
                    return problems;
            }
        }
        foreach (var column in text)
        {
            if (_utf8Path is not null && RecordProblem.Utf8(record, column.Index, _utf8Path, lineOffset) is { } invalid)
                return invalid;
            column.Texts![row] = CsvScan.TextOf(record, column.Index, _missing);
        }
        return problems;
    }
}
