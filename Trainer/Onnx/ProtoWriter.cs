using System.Runtime.InteropServices;
using System.Text;

namespace NeuralNet.Onnx;

/// <summary>
/// The protobuf wire format, as much of it as an ONNX file needs: varint, fixed32 and length-delimited fields.
/// A nested message is built in its own writer and written whole, since its length prefix comes first.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintType = 0;
    private const int LengthDelimitedType = 2;
    private const int Fixed32Type = 5;

    private readonly MemoryStream _bytes = new();

    public ProtoWriter Int(int field, long value)
    {
        Tag(field, VarintType);
        Varint((ulong)value);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, Fixed32Type);
        Span<byte> bytes = stackalloc byte[4];
        BitConverter.TryWriteBytes(bytes, value);
        _bytes.Write(bytes);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>Floats as little-endian bytes (ONNX's raw_data).</summary>
    public ProtoWriter Floats(int field, ReadOnlySpan<float> values) =>
        BitConverter.IsLittleEndian
            ? Bytes(field, MemoryMarshal.AsBytes(values))
            : throw new PlatformNotSupportedException("ONNX export writes little-endian floats");

    /// <summary>Doubles as little-endian bytes (ONNX's raw_data).</summary>
    public ProtoWriter Doubles(int field, ReadOnlySpan<double> values) =>
        BitConverter.IsLittleEndian
            ? Bytes(field, MemoryMarshal.AsBytes(values))
            : throw new PlatformNotSupportedException("ONNX export writes little-endian doubles");

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimitedType);
        Varint((ulong)value.Length);
        _bytes.Write(value);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.WriteByte((byte)value);
    }
}
