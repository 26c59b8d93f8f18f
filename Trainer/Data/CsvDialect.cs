namespace NeuralNet.Data;

/// <summary>How a CSV file is written: the field delimiter, whether the first row names the columns, and whether
/// numbers have a decimal comma (1,5) rather than a decimal point.</summary>
public sealed record CsvDialect(char Delimiter, bool HasHeader, bool DecimalComma)
{
    /// <summary>Parses a target or sampled value by the one number grammar (<see cref="NumberGrammar"/>) with this
    /// file's decimal separator; only numbers within the float range count.</summary>
    public bool TryParseNumber(string? text, out double value) => NumberGrammar.IsNumber(text, DecimalComma, out value);

    /// <summary>For the summary: <c>delimiter ';', header yes, decimal comma</c>, each followed by "(sniffed)" when
    /// <paramref name="sniffed"/> says it was.</summary>
    public string Describe(DialectChoice? sniffed = null)
    {
        string Mark(bool wasSniffed) => sniffed is not null && wasSniffed ? " (sniffed)" : "";
        return $"delimiter {Name(Delimiter)}{Mark(sniffed?.Delimiter == true)}, header {(HasHeader ? "yes" : "no (columns named col1, col2, ...)")}{Mark(sniffed?.Header == true)}, decimal {(DecimalComma ? "comma" : "point")}{Mark(sniffed?.DecimalComma == true)}";
    }

    private static string Name(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        ' ' => "space",
        _ => $"'{delimiter}'",
    };
}
