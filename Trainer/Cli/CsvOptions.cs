using System.CommandLine;
using System.CommandLine.Parsing;
using NeuralNet.Data;

namespace NeuralNet.Cli;

/// <summary>The options about reading CSV files and turning their columns into features, bound into <see cref="DataOptions"/>.</summary>
public sealed class CsvOptions
{
    private readonly Option<char?> _delimiter = new("--delimiter")
    {
        Description = "Field delimiter: ',', ';', 'tab', '|' or another ASCII character [default: sniffed from the file]",
        HelpName = "CHAR",
        CustomParser = ParseDelimiter,
    };

    private readonly Option<bool> _noHeader = new("--no-header") { Description = "The first row is data; columns are named col1, col2, ... [default: sniffed]" };

    private readonly Option<bool> _decimalComma = new("--decimal-comma") { Description = "Numbers have a decimal comma (1,5) [default: sniffed when the delimiter is ';']" };

    private readonly Option<string[]> _drop = new("--drop")
    {
        Description = "Columns to leave out, by name or 0-based index, separated by commas",
        HelpName = "COL[,COL]",
        CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
        DefaultValueFactory = _ => [],
    };

    private readonly Option<string> _missing = new("--missing")
    {
        Description = "Missing values (empty, NA, NaN, null, ?) in training: median and mean fill numeric columns with the training rows' median or mean, text columns with their most frequent value, and say so per column; error stops; drop-rows leaves those rows out. Files scored by a model (--test, predict, evaluate) are filled with the values it learned",
        DefaultValueFactory = _ => "median",
    };

    private readonly Option<string> _unknownCategory = new("--unknown-category")
    {
        Description = "A text value not seen in training (in --test files, predict and evaluate): ignore encodes it as all zeros and the run counts them; error stops (train checks the --test file before training)",
        DefaultValueFactory = _ => "ignore",
    };

    public CsvOptions()
    {
        _missing.AcceptOnlyFromAmong("error", "mean", "median", "drop-rows");
        _unknownCategory.AcceptOnlyFromAmong("error", "ignore");
    }

    public IEnumerable<Option> All => [_delimiter, _noHeader, _decimalComma, _drop, _missing, _unknownCategory];

    public DataOptions Bind(ParseResult parse) => new()
    {
        Delimiter = parse.GetValue(_delimiter),
        HasHeader = parse.GetValue(_noHeader) ? false : null,
        DecimalComma = parse.GetValue(_decimalComma) ? true : null,
        Drop = parse.GetValue(_drop) ?? [],
        Missing = parse.GetValue(_missing) switch
        {
            "mean" => MissingValuePolicy.Mean,
            "median" => MissingValuePolicy.Median,
            "drop-rows" => MissingValuePolicy.DropRows,
            _ => MissingValuePolicy.Error,
        },
        UnknownCategory = parse.GetValue(_unknownCategory) == "ignore" ? UnknownCategoryPolicy.Ignore : UnknownCategoryPolicy.Error,
    };

    private static char? ParseDelimiter(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        char? delimiter = text switch
        {
            "tab" or "\\t" or "\t" => '\t',
            [var c] when c is > ' ' and < (char)127 and not '"' => c,
            _ => null,
        };
        if (delimiter is null)
            result.AddError($"--delimiter takes one ASCII character such as ',' ';' '|', or 'tab'; '{text}' is not one");
        return delimiter;
    }
}
