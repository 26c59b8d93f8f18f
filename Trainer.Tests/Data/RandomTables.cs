using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace NeuralNet.Tests.Data;

/// <summary>A well-formed table and how it is written: delimiter, decimal comma (with ';'), header row, CRLF or LF,
/// byte order mark and blank lines at the end. Feature columns hold floats or text; the target holds small integers.</summary>
public sealed record RandomTable(char Delimiter, bool HasHeader, bool Crlf, bool Bom, int TrailingBlankLines, float[]?[] Numbers, string[]?[] Texts, int[] Targets)
{
    public bool DecimalComma => Delimiter == ';';

    public int Rows => Targets.Length;

    public int Features => Numbers.Length;

    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        string newline = Crlf ? "\r\n" : "\n";
        if (HasHeader)
            text.Append(string.Join(Delimiter, Enumerable.Range(0, Features).Select(f => $"h{f}").Append("y"))).Append(newline);
        for (int r = 0; r < Rows; r++)
        {
            var fields = Enumerable.Range(0, Features).Select(f => Numbers[f] is { } numbers ? Format(numbers[r]) : Quote(Texts[f]![r]));
            text.Append(string.Join(Delimiter, fields.Append(Targets[r].ToString(CultureInfo.InvariantCulture)))).Append(newline);
        }
        for (int i = 0; i < TrailingBlankLines; i++)
            text.Append(newline);
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        return Bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    private string Format(float value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return DecimalComma ? text.Replace('.', ',') : text;
    }

    private string Quote(string text) =>
        text.IndexOfAny([Delimiter, '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    public override string ToString() =>
        $"delimiter '{Delimiter}', header {HasHeader}, {Rows} rows:\n{Encoding.UTF8.GetString(ToBytes())}";
}

/// <summary>FsCheck's generator of <see cref="RandomTable"/>.</summary>
public static class RandomTables
{
    public static Arbitrary<RandomTable> Tables() => Table().ToArbitrary();

    private static Gen<RandomTable> Table() =>
        from delimiter in Gen.Elements(',', ';', '\t', '|')
        from hasHeader in Gen.Elements(true, false)
        from crlf in Gen.Elements(true, false)
        from bom in Gen.Elements(true, false)
        from blank in Gen.Choose(0, 2)
        from rows in Gen.Choose(1, 25)
        from features in Gen.Choose(1, 5)
        // Without a header, all-number rows are what makes the first one data.
        from textColumns in Gen.ArrayOf(Gen.Elements(false, hasHeader, hasHeader && rows > 1), features)
        from numbers in Gen.CollectToArray(textColumns, isText => isText ? Gen.Constant<float[]?>(null) : Gen.ArrayOf(Number(), rows).Select(a => (float[]?)a))
        from texts in Gen.CollectToArray(textColumns, isText => isText ? Gen.ArrayOf(Text(), rows).Select(a => (string[]?)a) : Gen.Constant<string[]?>(null))
        from targets in Gen.ArrayOf(Gen.Choose(0, 3), rows)
        select new RandomTable(delimiter, hasHeader, crlf, bom, blank, numbers, texts, targets);

    /// <summary>Floats with up to 7 significant digits and up to 5 decimals, negative ones too; never written with
    /// exactly three digits after the point, since a column whose every such number has three (and the rest are
    /// integers) is refused as ambiguous with thousands separators, by design (CsvScan.CheckDotThousands).</summary>
    private static Gen<float> Number() =>
        (from mantissa in Gen.Choose(-9_999_999, 9_999_999)
         from decimals in Gen.Choose(0, 5)
         select (float)(mantissa / Math.Pow(10, decimals)))
        .Where(value => value.ToString("R", CultureInfo.InvariantCulture) is var text
            && (text.IndexOf('.', StringComparison.Ordinal) is var point && (point < 0 || text.Length - point - 1 != 3)));

    /// <summary>Text that is never a number nor a missing value (it starts with a letter), with the characters that
    /// need quoting in some dialect: delimiters, quotes, spaces and line breaks.</summary>
    private static Gen<string> Text() =>
        from first in Gen.Elements('a', 'b', 'x', 'é')
        from rest in Gen.ArrayOf(Gen.Elements('a', 'b', ' ', ',', ';', '|', '\t', '"', '\n', '\''))
        select first + new string(rest);
}
