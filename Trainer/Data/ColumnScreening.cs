using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuralNet.Data;

/// <summary>Finds the feature columns of a training file that cannot help a model: ID-like columns (each row its own
/// value, which does not generalise) and constant columns (nothing to learn from).</summary>
public static partial class ColumnScreening
{
    public static DroppedColumn[] Screen(RawData raw)
    {
        var dropped = new List<DroppedColumn>();
        foreach (var column in raw.Features)
        {
            string? reason = column.Kind == ColumnKind.Text ? ScreenText(raw, column) : ScreenNumeric(raw, column);
            if (reason is not null)
                dropped.Add(new DroppedColumn(column.Name, reason));
        }
        return [.. dropped];
    }

    private static string? ScreenText(RawData raw, RawColumn column)
    {
        var values = column.Texts!.Where(t => t is not null).ToArray();
        int distinct = values.Distinct(StringComparer.Ordinal).Count();
        if (distinct <= 1)
            return values.Length == 0 ? "constant: every value is missing" : $"constant: every value is '{CsvScan.Shorten(values[0]!)}'";
        if (distinct == raw.Rows)
            return "ID-like: a different text in every row";
        return null;
    }

    private static string? ScreenNumeric(RawData raw, RawColumn column)
    {
        float first = float.NaN;
        bool constant = true, increasingIntegers = true;
        float previous = float.NegativeInfinity;
        for (int r = 0; r < raw.Rows; r++)
        {
            float value = raw.Number(r, column);
            if (float.IsNaN(value))
            {
                increasingIntegers = false;
                continue;
            }
            if (float.IsNaN(first))
                first = value;
            constant &= value == first;
            increasingIntegers &= value > previous && value == MathF.Floor(value);
            previous = value;
        }
        if (constant)
            return float.IsNaN(first) ? "constant: every value is missing" : $"constant: every value is {first.ToString(CultureInfo.InvariantCulture)}";
        if (increasingIntegers && IdName().IsMatch(column.Name))
            return "ID-like: increasing integers in a column named like an ID";
        return null;
    }

    // id, ID, index, row_id, customer_id, customer.ID, PassengerId, OrderID, "Unnamed: 0" (pandas' saved index);
    // not words that merely end in "id", such as acid or fluid.
    [GeneratedRegex(@"^(?i:id|idx|index|row|row_?num(ber)?|row_?id|unnamed: ?\d+)$|^.+[_ \-.](?i:id)$|^.*[a-z]Id$|^.*[a-z0-9]ID$", RegexOptions.CultureInvariant)]
    private static partial Regex IdName();
}
