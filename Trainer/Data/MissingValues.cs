namespace NeuralNet.Data;

/// <summary>
/// The field values that mean "no value", the same in every row and every column of a file: an empty field (after
/// the reader has trimmed spaces and tabs) and a list of words, matched exactly: <see cref="DefaultWords"/> unless
/// --na-values names others (R writes "NA" for a missing value, but a country column may hold "NA" for Namibia, and
/// "None" is a house's masonry type). Anything else in a numeric column that is not a number (such as '-', 'none' or
/// 'nil') is an error naming its cell, never a missing value by accident.
/// </summary>
public sealed class MissingValues
{
    public static readonly string[] DefaultWords = ["NA", "N/A", "n/a", "NaN", "nan", "NAN", "-nan", "-NaN", "null", "NULL", "None", "?"];

    public static MissingValues Default { get; } = new(DefaultWords);

    /// <summary>The words of --na-values, or the default words when it is null.</summary>
    public static MissingValues For(IReadOnlyList<string>? words) => words is null ? Default : new MissingValues(words);

    private readonly byte[][] _utf8;
    private readonly int _longest;

    private MissingValues(IReadOnlyList<string> words)
    {
        Words = [.. words.Select(w => w.Trim(' ', '\t')).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];
        _utf8 = [.. Words.Select(System.Text.Encoding.UTF8.GetBytes)];
        _longest = _utf8.Length == 0 ? 0 : _utf8.Max(w => w.Length);
        HasNumbers = Words.Any(NumberGrammar.IsWrittenAsNumber);
    }

    /// <summary>The words besides the empty field.</summary>
    public string[] Words { get; }

    /// <summary>Whether a word is also a number (-999, 0): such a field is missing before it is read as a number.</summary>
    public bool HasNumbers { get; }

    /// <summary>How messages list them: "empty, NA, N/A, NaN, null, None or ?" for the default words (their case
    /// variants are listed in docs/csv-reading.md), else every word.</summary>
    public string Description => ReferenceEquals(this, Default) ? "empty, NA, N/A, NaN, null, None or ?"
        : Words.Length == 0 ? "empty (--na-values names no word)" : $"empty or {string.Join(", ", Words)} (--na-values)";

    public bool IsMissing(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
            return true;
        if (field.Length > _longest)
            return false;
        foreach (var word in _utf8)
        {
            if (field.SequenceEqual(word))
                return true;
        }
        return false;
    }
}
