using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NeuralNet.Cli;

/// <summary>Validators and parsers shared by the commands' options; each error is one line naming the option.</summary>
internal static class OptionRules
{
    public static Option<int> AtLeast(Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
                result.AddError($"{option.Name} must be at least {minimum}");
        });
        return option;
    }

    public static Option<double> Between(Option<double> option, double low, double high, bool lowerInclusive = true, bool upperInclusive = true)
    {
        option.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            bool ok = double.IsFinite(value)
                && (lowerInclusive ? value >= low : value > low)
                && (upperInclusive ? value <= high : value < high);
            if (!ok)
            {
                string range = high == double.MaxValue
                    ? (lowerInclusive ? $"at least {low}" : $"greater than {low}")
                    : $"in {(lowerInclusive ? "[" : "(")}{low}, {high}{(upperInclusive ? "]" : ")")}";
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {range}, not {value}"));
            }
        });
        return option;
    }

    public static int[] ParseWidths(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        if (text is "none" or "")
            return [];
        var widths = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width < 1)
            {
                result.AddError($"--hidden takes positive widths separated by commas, such as 64,32; '{part.Trim()}' is not one");
                return [];
            }
            widths.Add(width);
        }
        return [.. widths];
    }
}
