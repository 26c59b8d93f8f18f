namespace NeuralNet.Data;

/// <summary>Where the missing values of the used columns of a file are: how many, the first (in file order), and
/// which rows have any.</summary>
public sealed record MissingValueScan(int Count, int FirstRow, RawColumn? FirstColumn, bool[] RowHasMissing)
{
    public static MissingValueScan Of(RawData raw, IReadOnlyCollection<RawColumn> columns)
    {
        var ordered = columns.OrderBy(c => c.Index).ToArray();
        var rowHasMissing = new bool[raw.Rows];
        int count = 0, firstRow = -1;
        RawColumn? firstColumn = null;
        for (int r = 0; r < raw.Rows; r++)
        {
            foreach (var column in ordered)
            {
                if (!raw.IsMissing(r, column))
                    continue;
                count++;
                rowHasMissing[r] = true;
                if (firstColumn is null)
                    (firstRow, firstColumn) = (r, column);
            }
        }
        return new MissingValueScan(count, firstRow, firstColumn, rowHasMissing);
    }

    /// <summary>The default error: <c>file: N missing values (...); the first at line L, column C ('name'); use --missing mean|median|drop-rows</c>.</summary>
    public InputException ToException(RawData raw, string advice = "use --missing mean|median|drop-rows") =>
        new($"{raw.Path}: {Count} missing value{(Count == 1 ? "" : "s")} ({MissingValues.Description}); the first at line {raw.Lines[FirstRow]}, column {FirstColumn!.Index + 1} ('{FirstColumn.Name}'); {advice}");
}
