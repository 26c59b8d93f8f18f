using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NeuralNet.Cli;

/// <summary>Parsers shared by the commands' options. Every numeric option goes through <see cref="Whole(Option{int}, int, int)"/>
/// or <see cref="Real"/>: the value is read in the invariant culture (so "0.9" means the same in every locale), must be
/// finite and in the option's documented range, and a bad one is a parse error of one line naming the option, the
/// value and what is allowed, before any work starts. The range is appended to the option's --help text.</summary>
internal static class OptionRules
{
    /// <summary>An integer option with values from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<int> Whole(Option<int> option, int minimum, int maximum)
    {
        option.Description += $"; {DescribeWhole(minimum, maximum)}";
        option.CustomParser = result => ParseWhole(result, option.Name, minimum, maximum) ?? minimum;
        return option;
    }

    /// <summary>An optional integer option (null when absent) with values from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<int?> OptionalWhole(Option<int?> option, int minimum, int maximum)
    {
        option.Description += $"; {DescribeWhole(minimum, maximum)}";
        option.CustomParser = result => ParseWhole(result, option.Name, minimum, maximum);
        return option;
    }

    /// <summary>A real-valued option within <paramref name="range"/>. The range holds for the value as training uses
    /// it, a float: 0.99999999999 is 1 and 1e-320 is 0 there, so they are checked as such (an Adam beta2 of 1 would
    /// divide by zero, a momentum of 1 never decays, a learning rate of 0 trains nothing).</summary>
    public static Option<double> Real(Option<double> option, NumberRange range)
    {
        option.Description += $"; {range}";
        option.CustomParser = result =>
        {
            string text = Token(result);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !range.Contains(value))
            {
                result.AddError($"{option.Name} must be {range}, not '{text}'");
                return range.Low;
            }
            double used = (float)value;
            if (!range.Contains(used))
                result.AddError(Invariant($"{option.Name} must be {range}, not '{text}', which is {used:G9} in the float precision training uses"));
            return value;
        };
        return option;
    }

    /// <summary>The text "what is allowed" for a whole-number option, as errors and docs/options.md say it.</summary>
    public static string DescribeWhole(int minimum, int maximum) => maximum == int.MaxValue
        ? Invariant($"a whole number of at least {minimum}")
        : Invariant($"a whole number from {minimum} to {maximum}");

    private static int? ParseWhole(ArgumentResult result, string name, int minimum, int maximum)
    {
        string text = Token(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= minimum && value <= maximum)
            return value;
        result.AddError($"{name} must be {DescribeWhole(minimum, maximum)}, not '{text}'");
        return null;
    }

    // Spaces and tabs only, as a CSV cell is trimmed: '0.1\u00A0' is no number there, nor here.
    private static string Token(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim(' ', '\t') : "";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    public static int[] ParseWidths(ArgumentResult result)
    {
        string text = Token(result);
        if (text is "none")
            return [];
        var widths = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width < 1)
            {
                result.AddError($"--hidden takes positive widths (up to {int.MaxValue}) separated by commas, such as 64,32, or 'none'; '{part.Trim()}' is not one");
                return [];
            }
            widths.Add(width);
        }
        return [.. widths];
    }
}

/// <summary>An interval of allowed values for a real-valued option; its text is what errors, --help and docs/options.md show.</summary>
internal readonly record struct NumberRange(double Low, double High, bool LowInclusive = true, bool HighInclusive = true)
{
    /// <summary>Finite and inside the interval (NaN is neither).</summary>
    public bool Contains(double value) => double.IsFinite(value)
        && (LowInclusive ? value >= Low : value > Low)
        && (HighInclusive ? value <= High : value < High);

    public override string ToString() => FormattableString.Invariant(
        $"a number in {(LowInclusive ? "[" : "(")}{Low:G}, {High:G}{(HighInclusive ? "]" : ")")}");
}
