using System.Globalization;
using System.Text;

namespace NeuralNet.PyTorch;

/// <summary>Values written as Python source: the generated module is ASCII, so any text (a column named "café",
/// "a\"b" or with a newline) is escaped, and every float reads back as the same float32.</summary>
public static class PythonLiteral
{
    /// <summary>A double-quoted str literal: printable ASCII as is, everything else escaped (\uXXXX, \UXXXXXXXX;
    /// a lone surrogate, which C# strings may hold, as \uD800, which Python reads as the same lone surrogate).</summary>
    public static string String(string text)
    {
        var literal = new StringBuilder("\"");
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '"' or '\\')
                literal.Append('\\').Append(c);
            else if (c is >= ' ' and <= '~')
                literal.Append(c);
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                literal.Append(CultureInfo.InvariantCulture, $"\\U{char.ConvertToUtf32(c, text[++i]):X8}");
            else
                literal.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return literal.Append('"').ToString();
    }

    /// <summary>A float32 in its shortest round-trip form ("0.25", "1E-05"): Python reads it as the double nearest
    /// to that decimal, which torch's float32 rounds back to the same float.</summary>
    public static string Float(float value) => float.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : $"float(\"{(float.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf")}\")";

    /// <summary>A layer argument, given as a double (a spec's number) in its shortest round-trip form.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Floats(IEnumerable<float> values) => $"[{string.Join(", ", values.Select(Float))}]";

    public static string Strings(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(String))}]";

    /// <summary>A str or None.</summary>
    public static string OptionalString(string? text) => text is null ? "None" : String(text);

    /// <summary>A float or None.</summary>
    public static string OptionalFloat(float? value) => value is { } v ? Float(v) : "None";
}
