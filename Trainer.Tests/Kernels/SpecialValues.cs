using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralNet.Tests.Kernels;

/// <summary>Inputs with the IEEE special values planted among ordinary ones, and bit-pattern views for comparing.</summary>
internal static class SpecialValues
{
    public static T[] All<T>(T threshold)
        where T : unmanaged, IFloatingPointIeee754<T> =>
    [
        T.NaN,
        -T.NaN,
        PayloadNaN<T>(),
        T.Zero,
        T.NegativeZero,
        T.PositiveInfinity,
        T.NegativeInfinity,
        T.Epsilon,
        -T.Epsilon,
        T.Epsilon * T.CreateChecked(12345),
        -T.Epsilon * T.CreateChecked(12345),
        MaxValue<T>(),
        -MaxValue<T>(),
        threshold,
        T.BitIncrement(threshold),
        T.BitDecrement(threshold),
    ];

    /// <summary>
    /// Ordinary values in [-2, 2), with a special value at roughly one position in four, always at the first and
    /// last positions (where the overlapping first and last vectors work) and at a seed-dependent run of others.
    /// </summary>
    public static T[] Planted<T>(int length, int seed, T threshold)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T[] specials = All(threshold);
        var values = new T[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.Next(4) == 0
                ? specials[random.Next(specials.Length)]
                : T.CreateChecked(random.NextDouble() * 4 - 2);
        }

        if (length > 0)
        {
            values[0] = specials[seed % specials.Length];
            values[^1] = specials[(seed + 5) % specials.Length];
        }

        return values;
    }

    public static ulong Bits<T>(T value)
        where T : unmanaged => value switch
        {
            float f => BitConverter.SingleToUInt32Bits(f),
            double d => BitConverter.DoubleToUInt64Bits(d),
            _ => throw new NotSupportedException(typeof(T).Name),
        };

    /// <summary>
    /// Asserts that two spans hold the same bit patterns, so +0 and −0, and NaN payloads, count as different.
    /// On failure it names the first differing index and both bit patterns.
    /// </summary>
    public static void AssertBitIdentical<T>(ReadOnlySpan<T> actual, ReadOnlySpan<T> expected, string context)
        where T : unmanaged => AssertBitIdentical(actual, expected, () => context);

    /// <inheritdoc cref="AssertBitIdentical{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, string)"/>
    public static void AssertBitIdentical<T>(ReadOnlySpan<T> actual, ReadOnlySpan<T> expected, Func<string> context)
        where T : unmanaged
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), context);
        int sameBytes = MemoryMarshal.AsBytes(actual).CommonPrefixLength(MemoryMarshal.AsBytes(expected));
        int same = sameBytes / Unsafe.SizeOf<T>();
        if (same < actual.Length)
        {
            int length = actual.Length;
            T actualValue = actual[same];
            T expectedValue = expected[same];
            ulong actualBits = Bits(actualValue);
            ulong expectedBits = Bits(expectedValue);
            Assert.That(
                actualBits,
                Is.EqualTo(expectedBits),
                () => $"{context()}: first difference at index {same} of {length}: got {actualValue} (0x{actualBits:X}), want {expectedValue} (0x{expectedBits:X})");
        }
    }

    private static T MaxValue<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? (T)(object)float.MaxValue : (T)(object)double.MaxValue;

    private static T PayloadNaN<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? (T)(object)BitConverter.UInt32BitsToSingle(0x7FC0_1234u)
            : (T)(object)BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_1234ul);
}
