using System.Globalization;
using System.Runtime.CompilerServices;

namespace NeuralNet.Data;

/// <summary>What a field is, read as a number.</summary>
internal enum CellKind
{
    Number,

    /// <summary>One of the file's missing-value words (<see cref="MissingValues"/>), or empty.</summary>
    Missing,

    /// <summary>Written as a number, but outside the float range (1e400, 1e39), or an infinity (inf, -Infinity, ∞).</summary>
    NotFinite,

    NotANumber,

    /// <summary>A number, but so far from its column's offset (<see cref="RawData.Offsets"/>) that the difference
    /// leaves the float range: 3e38 in a column whose first rows are all near -3e38.</summary>
    OutOfSpan,
}

/// <summary>
/// The one number grammar of every CSV cell (features, targets, the header sniff): trimmed of spaces and tabs,
/// <c>[+-]digits[.digits][e[+-]digits]</c> with ASCII digits only, at least one digit before the
/// exponent, and the file's decimal separator ('.' or, for the whole file, ','). Nothing else is a number: no
/// thousands separators ("1,5" in a '.' file, "1.000,5" in a ',' file), no hex, no '_' groups, no '%', no
/// true/false, no non-ASCII digits, minus signs or spaces. The value is the nearest float (float.Parse rounding).
/// </summary>
internal static class NumberGrammar
{
    /// <summary>Reads a field's UTF-8 bytes, the default words being missing values. The common case, a short
    /// integer, is inlined into the reading loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CellKind Read(ReadOnlySpan<byte> field, bool decimalComma, out float value) => Read(field, decimalComma, MissingValues.Default, out value);

    /// <summary>Reads a field's UTF-8 bytes, <paramref name="missing"/>'s words being missing values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CellKind Read(ReadOnlySpan<byte> field, bool decimalComma, MissingValues missing, out float value) =>
        !missing.HasNumbers && TryParseShort(field, decimalComma ? (byte)',' : (byte)'.', out value) ? CellKind.Number : ReadOther(field, decimalComma, missing, out value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CellKind ReadOther(ReadOnlySpan<byte> field, bool decimalComma, MissingValues missing, out float value)
    {
        value = float.NaN;
        // Trimmed here rather than by the reader, for every field, only when the fast path did not take it.
        field = field.Trim(" \t"u8);
        if (missing.IsMissing(field))
            return CellKind.Missing;
        if (TryParseShort(field, decimalComma ? (byte)',' : (byte)'.', out value))
            return CellKind.Number;
        value = float.NaN;
        if (!Matches(field, decimalComma ? (byte)',' : (byte)'.'))
            return LooksInfinite(field) ? CellKind.NotFinite : CellKind.NotANumber;
        Span<byte> copy = field.Length <= 256 ? stackalloc byte[field.Length] : new byte[field.Length];
        field.CopyTo(copy);
        if (decimalComma)
            copy.Replace((byte)',', (byte)'.');
        // The grammar has been checked, so this only rounds; an overflow comes back as an infinity.
        float.TryParse(copy, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
        if (float.IsFinite(value))
            return CellKind.Number;
        value = float.NaN;
        return CellKind.NotFinite;
    }

    /// <summary>Reads a field as its difference from <paramref name="offset"/>, rounded to a float once: a column of
    /// large values close together (epoch milliseconds, 15-digit IDs) keeps them apart, where the nearest float of
    /// each value would make many of them one. With offset 0 this is <see cref="Read(ReadOnlySpan{byte}, bool, out float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CellKind Read(ReadOnlySpan<byte> field, bool decimalComma, MissingValues missing, double offset, out float value)
    {
        if (offset == 0)
            return Read(field, decimalComma, missing, out value);
        var kind = ReadDouble(field, decimalComma, missing, out double exact);
        value = kind == CellKind.Number ? (float)(exact - offset) : float.NaN;
        if (kind != CellKind.Number || float.IsFinite(value))
            return kind;
        value = float.NaN;
        return CellKind.OutOfSpan;
    }

    /// <summary>Reads a field's UTF-8 bytes to double precision; the same grammar and float range as
    /// <see cref="Read(ReadOnlySpan{byte}, bool, out float)"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CellKind ReadDouble(ReadOnlySpan<byte> field, bool decimalComma, MissingValues missing, out double value)
    {
        var kind = Read(field, decimalComma, missing, out float _);
        value = double.NaN;
        if (kind != CellKind.Number)
            return kind;
        field = field.Trim(" \t"u8);
        if (ShortDecimal.TryRead(field, decimalComma ? (byte)',' : (byte)'.', out value))
            return kind;
        Span<byte> copy = field.Length <= 256 ? stackalloc byte[field.Length] : new byte[field.Length];
        field.CopyTo(copy);
        if (decimalComma)
            copy.Replace((byte)',', (byte)'.');
        value = double.Parse(copy, NumberStyles.Float, CultureInfo.InvariantCulture);
        return kind;
    }

    /// <summary>Reads a field held as text (a target, a sampled cell) to double precision; null is missing.</summary>
    public static CellKind Read(string? text, bool decimalComma, out double value)
    {
        value = double.NaN;
        if (text is null)
            return CellKind.Missing;
        Span<byte> utf8 = text.Length <= 128 ? stackalloc byte[text.Length * 3] : new byte[text.Length * 3];
        int length = System.Text.Encoding.UTF8.GetBytes(text, utf8);
        return ReadDouble(utf8[..length], decimalComma, MissingValues.Default, out value);
    }

    /// <summary>Whether <paramref name="text"/> is a finite number in this grammar.</summary>
    public static bool IsNumber(string? text, bool decimalComma, out double value) => Read(text, decimalComma, out value) == CellKind.Number;

    /// <summary>Whether a text is written as a number with either decimal separator, whatever its size and whatever
    /// the missing-value words are (a word of --na-values such as -999).</summary>
    public static bool IsWrittenAsNumber(string text)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text.Trim(' ', '\t'));
        return Matches(utf8, (byte)'.') || Matches(utf8, (byte)',');
    }

    /// <summary>Whether the field fits the grammar, whatever its size.</summary>
    private static bool Matches(ReadOnlySpan<byte> s, byte point)
    {
        int i = 0;
        if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
            i++;
        int digits = Digits(s, ref i);
        if (i < s.Length && s[i] == point)
        {
            i++;
            digits += Digits(s, ref i);
        }
        if (digits == 0)
            return false;
        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-')
                i++;
            if (Digits(s, ref i) == 0)
                return false;
        }
        return i == s.Length;
    }

    private static int Digits(ReadOnlySpan<byte> s, ref int i)
    {
        int start = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
            i++;
        return i - start;
    }

    /// <summary>inf, -Infinity, ∞ and the like: refused as not finite rather than taken as text.</summary>
    public static bool LooksInfinite(ReadOnlySpan<byte> field)
    {
        var word = field.TrimStart("+-"u8);
        return word.SequenceEqual("∞"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "inf"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "infinity"u8);
    }

    /// <summary>The fast path for the most common fields, short integers (pixel values) and short decimals (-0.1285),
    /// see <see cref="ShortDecimal"/>. An integer keeps its sign off zero ("-0" is 0), as it always has.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseShort(ReadOnlySpan<byte> field, byte point, out float value) => ShortDecimal.TryRead(field, point, out value);
}
