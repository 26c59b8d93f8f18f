using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuralNet.Data;

/// <summary>
/// Cells that are not numbers in the file's grammar (<see cref="NumberGrammar"/>) but are numbers as some other
/// convention writes them: thousands separators (<c>1,004,664</c>, <c>56.123</c> with a decimal comma), the other
/// decimal mark (<c>4,37</c> in a '.' file), non-ASCII digits (<c>٣٫٥</c>, <c>３.５</c>), a Unicode minus
/// (<c>−3.5</c>), a currency sign or a percent (<c>$12</c>, <c>50%</c>), and spreadsheet error values
/// (<c>#N/A</c>, <c>#DIV/0!</c>). Such a cell is never a category: a column holding one beside plain numbers, or
/// holding nearly only them, is an error naming the first (<see cref="ColumnTypes"/>, <see cref="TargetAnalysis"/>).
/// </summary>
internal static partial class ForeignNumber
{
    private static readonly string[] SpreadsheetErrors = ["#N/A", "#N/A N/A", "#NA", "#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA", "#SPILL!", "#CALC!"];

    /// <summary>Why <paramref name="text"/> (not a number in the file's grammar) is a number in another convention,
    /// with the fix, e.g. <c>a number with thousands separators; write it without them (1004664)</c>; null when it
    /// is not one.</summary>
    public static string? Describe(string text, CsvDialect dialect)
    {
        string cell = text.Trim();
        if (SpreadsheetErrors.Contains(cell, StringComparer.OrdinalIgnoreCase))
            return "a spreadsheet error value; fix the formula, or mark the cell missing (empty or NA)";
        bool thousands = (dialect.DecimalComma ? CommaThousands() : PointThousands()).IsMatch(cell);
        if (thousands && NumberGrammar.IsNumber(cell, !dialect.DecimalComma, out _))
            return $"a number with a thousands separator or a decimal {(dialect.DecimalComma ? "point" : "comma")}, which this file does not read; write {cell.Replace(dialect.DecimalComma ? "." : ",", "", StringComparison.Ordinal)}, or write every number of the file with one decimal separator{(dialect.DecimalComma || dialect.Delimiter == ',' ? "" : " (--decimal-comma for 4,5)")}";
        if (NumberGrammar.IsNumber(cell, !dialect.DecimalComma, out _))
            return dialect.DecimalComma
                ? "a number with a decimal point, but the file's numbers have a decimal comma; write every number of the file the same way"
                : dialect.Delimiter == ','
                    ? "a number with a decimal comma, but the decimal separator of a ',' file is '.'; write 4.5 for 4,5, or save the file with ';' delimiters"
                    : "a number with a decimal comma, but the file's decimal separator is '.'; pass --decimal-comma if the file writes 4,5";
        if (thousands)
            return $"a number with thousands separators, which are not read; write it without them ({cell.Replace(dialect.DecimalComma ? "." : ",", "", StringComparison.Ordinal)})";
        string plain = Plain(cell, out string? form);
        if (form is not null && NumberGrammar.IsNumber(plain, dialect.DecimalComma, out _))
            return $"a number written {form}; write it as a plain number ({plain})";
        return null;
    }

    /// <summary>The cell with non-ASCII digits and minus signs made ASCII and a currency sign or percent removed, and
    /// which of those it had (null if none).</summary>
    private static string Plain(string cell, out string? form)
    {
        form = null;
        var plain = new StringBuilder(cell.Length);
        foreach (char c in cell)
        {
            if (c > 127 && char.IsDigit(c))
            {
                form ??= "with non-ASCII digits";
                plain.Append((char)('0' + (int)char.GetNumericValue(c)));
            }
            else if (c is '\u2212' or '\u2013' or '\uFF0D')
            {
                form ??= "with a Unicode minus sign";
                plain.Append('-');
            }
            else if (c is '\u066B' or '\uFF0E')
            {
                form ??= "with non-ASCII digits";
                plain.Append('.');
            }
            else if (c is '\uFF0C')
            {
                form ??= "with non-ASCII digits";
                plain.Append(',');
            }
            else
            {
                plain.Append(c);
            }
        }
        string s = plain.ToString();
        if (s.Length > 1 && s[^1] is '%' or '\u066A' or '\uFF05')
        {
            form ??= "as a percentage";
            s = s[..^1].TrimEnd();
        }
        else if (s.Length > 1 && (CharUnicodeInfo.GetUnicodeCategory(s[0]) == UnicodeCategory.CurrencySymbol || CharUnicodeInfo.GetUnicodeCategory(s[^1]) == UnicodeCategory.CurrencySymbol))
        {
            form ??= "with a currency sign";
            s = s.Trim().Trim(s[0] is var first && CharUnicodeInfo.GetUnicodeCategory(first) == UnicodeCategory.CurrencySymbol ? first : s[^1]).Trim();
        }
        return s;
    }

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PointThousands();

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CommaThousands();
}
