using System.Text.Json.Serialization;

namespace NeuralNet.Data;

/// <summary>How a CSV file is written: the field delimiter, whether the first row names the columns, and whether
/// numbers have a decimal comma (1,5) rather than a decimal point.</summary>
public sealed record CsvDialect(char Delimiter, bool HasHeader, bool DecimalComma)
{
    /// <summary>The quote character when it is not '"' (a single quote in statsmodels' space-separated exports);
    /// null for '"'. Written to a model file only when set, as are the two below.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public char? Quote { get; init; }

    /// <summary>A space-separated file: runs of spaces separate fields (<see cref="SpaceSeparated"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool SpaceRuns { get; init; }

    /// <summary>R's row names: a first column the header has no name for, read as <see cref="SpaceSeparated.RowNamesColumn"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RowNames { get; init; }

    /// <summary>Parses a target or sampled value by the one number grammar (<see cref="NumberGrammar"/>) with this
    /// file's decimal separator; only numbers within the float range count.</summary>
    public bool TryParseNumber(string? text, out double value) => NumberGrammar.IsNumber(text, DecimalComma, out value);

    /// <summary>For the summary: <c>delimiter ';', header yes, decimal comma</c>, each followed by "(sniffed)" when
    /// <paramref name="sniffed"/> says it was.</summary>
    public string Describe(DialectChoice? sniffed = null)
    {
        string Mark(bool wasSniffed) => sniffed is not null && wasSniffed ? " (sniffed)" : "";
        string delimiter = SpaceRuns ? "spaces (a run of them is one)" : Name(Delimiter);
        string quote = Quote is { } q ? $", quote {Name(q)}" : "";
        string rowNames = RowNames ? $", R's row names read as column '{SpaceSeparated.RowNamesColumn}' (an ID)" : "";
        return $"delimiter {delimiter}{Mark(sniffed?.Delimiter == true)}{quote}{rowNames}, header {(HasHeader ? "yes" : "no (columns named col1, col2, ...)")}{Mark(sniffed?.Header == true)}, decimal {(DecimalComma ? "comma" : "point")}{Mark(sniffed?.DecimalComma == true)}";
    }

    /// <summary>A delimiter for a message: tab, space, or the character quoted.</summary>
    internal static string Name(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        ' ' => "space",
        _ => $"'{delimiter}'",
    };
}
