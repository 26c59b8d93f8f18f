using System.Buffers.Binary;
using System.Text.Json;

namespace NeuralNet.PyTorch;

/// <summary>One tensor of a safetensors file: its name (a state-dict key such as "0.weight"), its shape, and its
/// values in row-major (C) order.</summary>
public sealed record NamedTensor(string Name, int[] Shape, float[] Values);

/// <summary>
/// Writes the safetensors format (github.com/huggingface/safetensors), written here by hand: an 8-byte little-endian
/// header length N, N bytes of JSON header {name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]},
/// "__metadata__": {str: str}}, padded with spaces to a multiple of 8 so the data is aligned, then the tensors'
/// little-endian bytes back to back, in the header's order, with no gaps (offsets relative to the end of the header).
/// </summary>
public static class SafeTensors
{
    public static void Write(Stream stream, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        byte[] header = Header(tensors, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        var bytes = new byte[tensors.Count == 0 ? 0 : tensors.Max(t => t.Values.Length) * sizeof(float)];
        foreach (var tensor in tensors)
        {
            for (int i = 0; i < tensor.Values.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), tensor.Values[i]);
            stream.Write(bytes, 0, tensor.Values.Length * sizeof(float));
        }
    }

    /// <summary>The JSON header, its length a multiple of 8 (trailing spaces, as the format allows).</summary>
    private static byte[] Header(IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach (var (key, value) in metadata)
                json.WriteString(key, value);
            json.WriteEndObject();
            long offset = 0;
            var names = new HashSet<string>(StringComparer.Ordinal) { "__metadata__" };
            foreach (var tensor in tensors)
            {
                if (!names.Add(tensor.Name))
                    throw new ArgumentException($"two tensors are named '{tensor.Name}'", nameof(tensors));
                long elements = tensor.Shape.Aggregate(1L, (product, size) => product * size);
                if (elements != tensor.Values.Length)
                    throw new ArgumentException($"tensor '{tensor.Name}' has shape ({string.Join(", ", tensor.Shape)}) but {tensor.Values.Length} values", nameof(tensors));
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int size in tensor.Shape)
                    json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += elements * sizeof(float);
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padded = (int)(buffer.Length + 7) / 8 * 8;
        while (buffer.Length < padded)
            buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }
}
