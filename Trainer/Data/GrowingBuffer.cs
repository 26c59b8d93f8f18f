namespace NeuralNet.Data;

/// <summary>An array that grows by doubling as rows of a file of unknown length are appended to it.</summary>
internal sealed class GrowingBuffer<T>(int initialCapacity)
{
    private T[] _items = new T[Math.Max(initialCapacity, 16)];
    private int _count;

    /// <summary>Room for the next <paramref name="length"/> items, to be filled by the caller.</summary>
    public Span<T> Append(int length)
    {
        if (_count + length > _items.Length)
            Array.Resize(ref _items, Math.Max(_items.Length * 2, _count + length));
        var span = _items.AsSpan(_count, length);
        _count += length;
        return span;
    }

    public T[] ToArray() => _count == _items.Length ? _items : _items[.._count];
}
