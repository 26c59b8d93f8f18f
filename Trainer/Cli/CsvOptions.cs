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

    private readonly Option<bool> _decimalComma = new("--decimal-comma") { Description = "Numbers have a decimal comma (1,5) [default: sniffed when the delimiter is not ',']" };

    private readonly Option<string?> _encoding = new("--encoding")
    {
        Description = "The files' text encoding, e.g. latin1, windows-1252, utf-16 [default: utf-8, where a byte that is not UTF-8 is an error]",
        HelpName = "NAME",
        CustomParser = ParseEncoding,
    };

    private readonly Option<string[]> _categorical = ColumnList("--categorical",
        "Feature columns read as categories (one-hot) whatever their values look like, and kept when they look ID-like or have many categories; by name or 0-based index");

    private readonly Option<string[]> _numeric = ColumnList("--numeric", "Feature columns read as numbers: any other value that is not missing is an error; by name or 0-based index");

    private readonly Option<string[]> _drop = ColumnList("--drop", "Columns to leave out, by name or 0-based index");

    private readonly Option<string> _missing = new("--missing")
    {
        Description = "Missing values (empty, NA, NaN, null, ?; see --na-values) in training: median and mean fill numeric columns with the training rows' median or mean, and make a text column's missing values a category of their own, and say so per column; error stops; drop-rows leaves those rows out. Files scored by a model (--test, predict, evaluate) are filled with the values it learned",
        DefaultValueFactory = _ => "median",
    };

    private readonly Option<string[]> _naValues = new("--na-values")
    {
        Description = "The words that mean a missing value besides an empty cell, separated by commas; they replace the default list, "
            + $"{string.Join(' ', MissingValues.DefaultWords)}; '' names none (NA and None are then values like any other). "
            + "predict and evaluate use the training run's unless given their own [default: the list above]",
        HelpName = "WORD[,WORD]",
        CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
    };

    private readonly Option<string?> _unknownCategory = new("--unknown-category")
    {
        Description = "A text value not seen in training (in --test files, predict and evaluate): ignore encodes it as all zeros (train counts them in the --test file); error stops (train then checks the --test file before training). "
            + "The model keeps the training run's choice, which predict and evaluate use unless given their own [default: ignore]",
    };

    /// <param name="scoring">For predict and evaluate: --missing has no default of its own (the model's applies) and
    /// says how a scored file's missing values are handled.</param>
    public CsvOptions(bool scoring = false)
    {
        if (scoring)
        {
            _missing.Description = ScoringMissingDescription;
            _missing.DefaultValueFactory = null;
        }
        _missing.AcceptOnlyFromAmong("error", "mean", "median", "drop-rows");
        _unknownCategory.AcceptOnlyFromAmong("error", "ignore");
        // 5.1 would otherwise be read in a way no one meant; a sniffed ',' delimiter is refused when the file is read.
        _decimalComma.Validators.Add(result =>
        {
            if (result.GetValue(_decimalComma) && result.GetValue(_delimiter) == ',')
                result.AddError(DecimalCommaWithCommaDelimiter);
        });
    }

    private const string ScoringMissingDescription =
        "Missing values (empty, NA, NaN, null, ?) in DATA.csv: a model trained with --missing mean or median fills them with the values it learned then (asking for the other statistic is an error); "
        + "error stops; drop-rows leaves those rows out [default: the model's fill; error for a model trained with error or drop-rows]";

    /// <summary>--missing as given on the command line; null when it was left out.</summary>
    public MissingValuePolicy? GivenMissing(ParseResult parse) =>
        parse.GetResult(_missing) is { Implicit: false } ? Policy(parse.GetValue(_missing)) : null;

    public const string DecimalCommaWithCommaDelimiter = "--decimal-comma with --delimiter ',': a comma cannot be both the delimiter and the decimal separator; give the file's own delimiter (e.g. --delimiter ';') or leave out --decimal-comma";

    public IEnumerable<Option> All => [_delimiter, _noHeader, _decimalComma, _encoding, _drop, _categorical, _numeric, _missing, _naValues, _unknownCategory];

    /// <summary>An option naming columns, separated by commas, repeatable: <c>--id a,b --id c</c>.</summary>
    public static Option<string[]> ColumnList(string name, string description) => new(name)
    {
        Description = description + ", separated by commas",
        HelpName = "COL[,COL]",
        CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
        DefaultValueFactory = _ => [],
    };

    public DataOptions Bind(ParseResult parse) => new()
    {
        Delimiter = parse.GetValue(_delimiter),
        HasHeader = parse.GetValue(_noHeader) ? false : null,
        DecimalComma = parse.GetValue(_decimalComma) ? true : null,
        Encoding = parse.GetValue(_encoding),
        Drop = parse.GetValue(_drop) ?? [],
        Categorical = parse.GetValue(_categorical) ?? [],
        Numeric = parse.GetValue(_numeric) ?? [],
        Missing = Policy(parse.GetValue(_missing)),
        NaValues = parse.GetResult(_naValues) is { Implicit: false } ? parse.GetValue(_naValues) ?? [] : null,
        UnknownCategory = parse.GetValue(_unknownCategory) switch
        {
            "ignore" => UnknownCategoryPolicy.Ignore,
            "error" => UnknownCategoryPolicy.Error,
            _ => null,
        },
    };

    private static MissingValuePolicy Policy(string? name) => name switch
    {
        "mean" => MissingValuePolicy.Mean,
        "median" => MissingValuePolicy.Median,
        "drop-rows" => MissingValuePolicy.DropRows,
        _ => MissingValuePolicy.Error,
    };

    private static char? ParseDelimiter(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        char? delimiter = text switch
        {
            "tab" or "\\t" or "\t" => '\t',
            "space" => ' ',
            [var c] when c is >= ' ' and < (char)127 and not '"' => c,
            _ => null,
        };
        if (delimiter is null)
            result.AddError($"--delimiter takes one ASCII character such as ',' ';' '|' ' ', or 'tab' or 'space'; '{text}' is not one");
        return delimiter;
    }

    /// <summary>An encoding .NET knows by name, the Windows code pages included (latin1, windows-1252, cp1252, ...).</summary>
    private static string? ParseEncoding(ArgumentResult result)
    {
        string name = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        try
        {
            DataOptions.EncodingNamed(name);
            return name;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            result.AddError($"--encoding: '{name}' is not an encoding .NET knows; expected a name such as utf-8, latin1, windows-1252, utf-16");
            return null;
        }
    }
}
