using System.Runtime.CompilerServices;

namespace NeuralNet.Data;

/// <summary>
/// Reads the plainest numbers of a file, <c>[+-]digits[.digits]</c> without an exponent, exactly as float.Parse and
/// double.Parse round them, several times faster: the digits make an integer m and the fraction digits a power of
/// ten 10^f; when both are exact in the target type (m ≤ 2^24 and f ≤ 10 for a float, m ≤ 2^53 and f ≤ 22 for a
/// double) the quotient m / 10^f is one IEEE division, which rounds the exact decimal to the nearest value as the
/// parsers do (Clinger's fast path). Anything else (an exponent, more digits, spaces, other characters) is left to
/// the general reader. A big table's cells are mostly such numbers: float.Parse was 85% of its read.
/// </summary>
internal static class ShortDecimal
{
    private const ulong FloatMantissa = 1UL << 24;
    private const ulong DoubleMantissa = 1UL << 53;

    /// <summary>Digits read at most: 19 fit a ulong.</summary>
    private const int MaxDigits = 19;

    private static readonly float[] FloatPowers = [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    private static readonly double[] DoublePowers =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>The field as a float, when it is a plain decimal whose digits and fraction are exact in one.</summary>
    /// <param name="point">The decimal separator, '.' or ','.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ReadOnlySpan<byte> field, byte point, out float value)
    {
        value = 0;
        if (!TryScan(field, point, out ulong mantissa, out int fraction, out bool negative, out bool pointed) || mantissa > FloatMantissa || fraction >= FloatPowers.Length)
            return false;
        // An integer (no point) is read as an integer: "-0" is 0, as it always was; "-0." is -0, as float.Parse has it.
        value = !pointed ? (negative ? -(long)mantissa : (long)mantissa) : (negative ? -1f : 1f) * (mantissa / FloatPowers[fraction]);
        return true;
    }

    /// <summary>The field as a double, when it is a plain decimal whose digits and fraction are exact in one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> field, byte point, out double value)
    {
        value = 0;
        if (!TryScan(field, point, out ulong mantissa, out int fraction, out bool negative, out bool pointed) || mantissa > DoubleMantissa || fraction >= DoublePowers.Length)
            return false;
        value = !pointed ? (negative ? -(long)mantissa : (long)mantissa) : (negative ? -1.0 : 1.0) * (mantissa / DoublePowers[fraction]);
        return true;
    }

    /// <summary>Splits <c>[+-]digits[.digits]</c> into its digits as an integer, the count of fraction digits and
    /// the sign, and whether it has a decimal separator; false for anything else, and for more than <see cref="MaxDigits"/> digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryScan(ReadOnlySpan<byte> field, byte point, out ulong mantissa, out int fraction, out bool negative, out bool pointed)
    {
        mantissa = 0;
        fraction = 0;
        pointed = false;
        int i = 0;
        negative = field.Length > 0 && field[0] == (byte)'-';
        if (field.Length > 0 && field[0] is (byte)'-' or (byte)'+')
            i = 1;
        int digits = 0, pointAt = -1;
        for (; i < field.Length; i++)
        {
            uint digit = (uint)(field[i] - '0');
            if (digit <= 9)
            {
                mantissa = mantissa * 10 + digit;
                digits++;
            }
            else if (field[i] == point && pointAt < 0)
            {
                pointAt = i;
            }
            else
            {
                return false;
            }
        }
        if (digits is 0 or > MaxDigits)
            return false;
        pointed = pointAt >= 0;
        fraction = pointed ? field.Length - 1 - pointAt : 0;
        return true;
    }
}
