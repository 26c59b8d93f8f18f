namespace NeuralNet.Data;

/// <summary>
/// The field values that mean "no value", the same in every row and every column: an empty field (after the reader
/// has trimmed spaces and tabs) and these words, matched exactly. Anything else in a numeric column that is not a
/// number (such as '-', 'none' or 'nil') is an error naming its cell, never a missing value by accident.
/// </summary>
public static class MissingValues
{
    public static readonly string[] Words = ["NA", "N/A", "n/a", "NaN", "nan", "NAN", "-nan", "-NaN", "null", "NULL", "None", "?"];

    private static readonly byte[][] Utf8Words = [.. Words.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>How messages list them (the case variants of these words are listed in the README).</summary>
    public const string Description = "empty, NA, N/A, NaN, null, None or ?";

    public static bool IsMissing(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty)
            return true;
        if (field.Length > 4)
            return false;
        foreach (var word in Utf8Words)
        {
            if (field.SequenceEqual(word))
                return true;
        }
        return false;
    }
}
