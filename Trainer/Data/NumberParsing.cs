using System.Runtime.CompilerServices;

namespace NeuralNet.Data;

/// <summary>The fast path for the most common numeric field, a short integer such as a pixel value: parsed from
/// its UTF-8 bytes without the general float parser. Everything else goes to CsvHelper's parser.</summary>
internal static class NumberParsing
{
    /// <summary>Up to 7 digits, optionally after a '-': every such integer is exact in a float (below 2^24).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseInteger(ReadOnlySpan<byte> field, out float value)
    {
        value = 0;
        bool negative = field.Length > 1 && field[0] == (byte)'-';
        var digits = negative ? field[1..] : field;
        if (digits.Length is 0 or > 7)
            return false;
        int number = 0;
        foreach (byte b in digits)
        {
            int digit = b - '0';
            if ((uint)digit > 9)
                return false;
            number = number * 10 + digit;
        }
        value = negative ? -number : number;
        return true;
    }
}
