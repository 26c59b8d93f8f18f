using System.Text.RegularExpressions;
using System.Runtime.CompilerServices;

namespace NeuralNet.Data;

/// <summary>Finds the feature columns of a training file that cannot help a model: ID-like columns (each row its own
/// value, or nearly: <see cref="IdLikeShare"/>, which does not generalise), text columns of more than <see cref="MaxCategories"/> categories (as many
/// one-hot inputs, mostly seen once) and constant columns (nothing to learn from). A column named in --categorical
/// is kept unless it is constant. A column of row numbers (0, 1, 2, ... or 1, 2, 3, ...) under an empty header
/// cell, as pandas' <c>to_csv()</c> writes its index, is ID-like too.</summary>
public static partial class ColumnScreening
{
    /// <summary>How the reason of an ID-like column starts.</summary>
    public const string IdLike = "ID-like";

    public const int MaxCategories = 1000;

    /// <summary>The reason of a column with no value at all.</summary>
    public const string EveryValueMissing = "constant: every value is missing";

    /// <summary>A text column with at least this share of distinct values among its values is ID-like.</summary>
    public const double IdLikeShare = 0.95;

    /// <param name="keep">Columns named in --categorical, by name.</param>
    public static DroppedColumn[] Screen(RawData raw, IReadOnlySet<string>? keep = null)
    {
        var numeric = ScreenNumeric(raw);
        var dropped = new List<DroppedColumn>();
        foreach (var column in raw.Features)
        {
            string? reason = column.Kind == ColumnKind.Text ? ScreenText(raw, column, keep?.Contains(column.Name) == true) : numeric[column.Slot];
            // An empty header cell and no value, in the last column: every line ends with a delimiter.
            if (reason == EveryValueMissing && raw.Dialect.HasHeader && column.Name == CsvScan.GeneratedName(column.Index + 1)
                && column.Index == raw.Features.Concat(raw.Targets).Max(c => c.Index))
                reason = $"empty: every line ends with a trailing {CsvDialect.Name(raw.Dialect.Delimiter)}, read as this empty last column";
            if (reason is not null)
                dropped.Add(new DroppedColumn(column.Name, reason));
        }
        return [.. dropped];
    }

    /// <summary>Whether a text column is dropped by the screening (ID-like, too many categories, constant) unless
    /// named in --categorical; the read then leaves out its 'mixed:' note, so that one column gets one line.</summary>
    internal static bool IsDroppedText(RawData raw, RawColumn column) => ScreenText(raw, column, keep: false) is not null;

    private static string? ScreenText(RawData raw, RawColumn column, bool keep)
    {
        var codes = TextCodes.Of(column.Texts!);
        int distinct = codes.Values.Length, present = codes.Present;
        if (distinct <= 1)
            return present == 0 ? EveryValueMissing : $"constant: every value is '{CsvScan.Shorten(codes.Values[0])}'";
        if (keep)
            return null;
        string toKeep = $"pass --categorical {ColumnTypes.Quoted(column.Name)} to keep it";
        if (distinct == raw.Rows)
            return $"{IdLike}: a different text in every row; {toKeep}";
        if (distinct >= IdLikeShare * present)
            return FormattableString.Invariant($"{IdLike}: {distinct:N0} different texts in {present:N0} values; {toKeep}");
        if (distinct > MaxCategories)
            return FormattableString.Invariant($"{distinct:N0} categories, more than {MaxCategories:N0}; {toKeep}");
        return null;
    }

    /// <summary>The reason to drop each numeric slot, or null; one pass over the matrix in memory order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string?[] ScreenNumeric(RawData raw)
    {
        int slots = raw.NumericCount;
        var first = new float[slots];
        var previous = new float[slots];
        var constant = new bool[slots];
        var increasingIntegers = new bool[slots];
        var counting = new bool[slots]; // 0, 1, 2, ... or 1, 2, 3, ...: a row number
        Array.Fill(first, float.NaN);
        Array.Fill(previous, float.NegativeInfinity);
        Array.Fill(constant, true);
        Array.Fill(increasingIntegers, true);
        Array.Fill(counting, true);
        // A slot whose first value is known and that is neither constant, increasing nor counting stays so whatever
        // follows: it leaves the pass, which ends when no slot is left (after a few rows of a table of measurements,
        // instead of a pass over all of its values).
        var active = Enumerable.Range(0, slots).ToArray();
        int left = slots;
        for (int r = 0; r < raw.Rows && left > 0; r++)
        {
            var row = raw.Numbers.AsSpan(r * slots, slots);
            for (int a = left - 1; a >= 0; a--)
            {
                int k = active[a];
                float value = row[k];
                if (float.IsNaN(value))
                {
                    increasingIntegers[k] = false;
                    counting[k] = false;
                }
                else
                {
                    counting[k] &= float.IsNaN(first[k]) ? value is 0 or 1 : value == previous[k] + 1;
                    if (float.IsNaN(first[k]))
                        first[k] = value;
                    constant[k] &= value == first[k];
                    increasingIntegers[k] &= value > previous[k] && value == MathF.Floor(value);
                    previous[k] = value;
                }
                if (!float.IsNaN(first[k]) && !constant[k] && !increasingIntegers[k] && !counting[k])
                    active[a] = active[--left];
            }
        }
        var reasons = new string?[slots];
        foreach (var column in raw.Features.Where(c => c.Kind == ColumnKind.Numeric))
        {
            int k = column.Slot;
            if (constant[k])
                reasons[k] = float.IsNaN(first[k]) ? EveryValueMissing : ConstantReason(raw, column, first[k]);
            else if (increasingIntegers[k] && IdName().IsMatch(column.Name))
                reasons[k] = $"{IdLike}: increasing integers in a column named like an ID";
            else if (IdName().IsMatch(column.Name) && DistinctIntegers(raw, column))
                reasons[k] = $"{IdLike}: a different integer in every row of a column named like an ID";
            else if (IdName().IsMatch(column.Name) && PastFloatIntegers(raw, column))
                reasons[k] = $"{IdLike}: integers past 2^24 (16,777,216), beyond which a float input does not hold every integer, in a column named like an ID";
            else if (counting[k] && raw.Dialect.HasHeader && column.Name == CsvScan.GeneratedName(column.Index + 1))
                reasons[k] = $"{IdLike}: row numbers under an empty header (pandas' saved index)";
        }
        return reasons;
    }

    /// <summary>Past 2^53 a double no longer holds every integer: 19-digit IDs that differ in their last digits read
    /// as one number, so such a column is constant as numbers, which does not mean its cells are alike.</summary>
    public const double ExactIntegers = 9007199254740992;

    private static string ConstantReason(RawData raw, RawColumn column, float stored)
    {
        string value = raw.ValueText(column.Slot, stored);
        return Math.Abs(raw.Offset(column.Slot) + stored) < ExactIntegers ? $"constant: every value is {value}"
            : $"constant as numbers: every value reads as {value}, past the 2^53 up to which a number holds every integer (the cells may differ in their last digits, as 19-digit IDs do); --categorical {ColumnTypes.Quoted(column.Name)} reads them as text";
    }

    // A shuffled ID column (a Titanic file sorted by another column): every row a different integer, none missing.
    // Only for columns named like an ID, so a second pass over one column is rare.
    private static bool DistinctIntegers(RawData raw, RawColumn column)
    {
        var seen = new HashSet<float>();
        for (int r = 0; r < raw.Rows; r++)
        {
            float value = raw.Number(r, column);
            if (float.IsNaN(value) || value != MathF.Floor(value) || !seen.Add(value))
                return false;
        }
        return true;
    }

    /// <summary>2^24: up to here a float, the type of a model's inputs, holds every integer.</summary>
    public const double FloatExactIntegers = 16777216;

    // An ID of many digits that repeats (a customer on several rows): as a float input, IDs that differ in their
    // last digits read alike, and its scale says nothing. Every value an integer, one of them past 2^24.
    private static bool PastFloatIntegers(RawData raw, RawColumn column)
    {
        double offset = raw.Offset(column.Slot), largest = 0;
        for (int r = 0; r < raw.Rows; r++)
        {
            double value = offset + raw.Number(r, column);
            if (double.IsNaN(value))
                continue;
            if (value != Math.Floor(value))
                return false;
            largest = Math.Max(largest, Math.Abs(value));
        }
        return largest >= FloatExactIntegers;
    }

    // id, ID, index, row_id, customer_id, customer.ID, PassengerId, OrderID, "Unnamed: 0" (pandas' saved index),
    // row.names (R's, see SpaceSeparated);
    // not words that merely end in "id", such as acid or fluid.
    [GeneratedRegex(@"^(?i:id|idx|index|row|row_?num(ber)?|row_?id|row\.names|unnamed: ?\d+)$|^.+[_ \-.](?i:id)$|^.*[a-z]Id$|^.*[a-z0-9]ID$", RegexOptions.CultureInvariant)]
    private static partial Regex IdName();
}
