using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NeuralNet.Kernels;

/// <summary>The argument rules every kernel shares. The checks inline; the throws stay out of line.</summary>
internal static class SpanChecks
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DestinationFits<T>(int length, Span<T> destination, string destinationName)
    {
        if (destination.Length < length)
        {
            Throw($"Destination is too short: {destination.Length} < {length}.", destinationName);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameLength<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, string secondName)
    {
        if (first.Length != second.Length)
        {
            Throw($"Inputs differ in length: {first.Length} != {second.Length}.", secondName);
        }
    }

    /// <summary>Exact aliasing (same start) is in-place use and allowed; any other overlap would read overwritten input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NoPartialOverlap<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> destination, string destinationName)
    {
        if (input.Overlaps(destination, out int offset) && offset != 0)
        {
            Throw("Input and destination overlap but do not start at the same element.", destinationName);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(string message, string parameterName) => throw new ArgumentException(message, parameterName);
}
