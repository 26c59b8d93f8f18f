namespace NeuralNet.Kernels;

/// <summary>The argument rules every kernel shares.</summary>
internal static class SpanChecks
{
    public static void DestinationFits<T>(int length, Span<T> destination, string destinationName)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"Destination is too short: {destination.Length} < {length}.", destinationName);
        }
    }

    public static void SameLength<T>(ReadOnlySpan<T> first, ReadOnlySpan<T> second, string secondName)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"Inputs differ in length: {first.Length} != {second.Length}.", secondName);
        }
    }

    /// <summary>Exact aliasing (same start) is in-place use and allowed; any other overlap would read overwritten input.</summary>
    public static void NoPartialOverlap<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> destination, string destinationName)
    {
        if (input.Overlaps(destination, out int offset) && offset != 0)
        {
            throw new ArgumentException("Input and destination overlap but do not start at the same element.", destinationName);
        }
    }
}
