using System.Globalization;

namespace NeuralNet.Data;

/// <summary>How a CSV file is written: the field delimiter, whether the first row names the columns, and whether
/// numbers have a decimal comma (1,5) rather than a decimal point.</summary>
public sealed record CsvDialect(char Delimiter, bool HasHeader, bool DecimalComma)
{
    private static readonly NumberFormatInfo DecimalCommaFormat = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    /// <summary>The number format of a file: invariant, or with a decimal comma and '.' between thousands.</summary>
    public static IFormatProvider NumberFormatOf(bool decimalComma) => decimalComma ? DecimalCommaFormat : CultureInfo.InvariantCulture;

    /// <summary>Parses a target or sampled value as this dialect writes numbers; only finite numbers count.</summary>
    public bool TryParseNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, NumberFormatOf(DecimalComma), out value) && double.IsFinite(value);

    /// <summary>For the summary: <c>delimiter ';', header yes, decimal comma</c>.</summary>
    public string Describe() =>
        $"delimiter {Name(Delimiter)}, header {(HasHeader ? "yes" : "no (columns named col1, col2, ...)")}, decimal {(DecimalComma ? "comma" : "point")}";

    private static string Name(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        _ => $"'{delimiter}'",
    };
}
