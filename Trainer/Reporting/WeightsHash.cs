using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NeuralNet.Layers;

namespace NeuralNet.Reporting;

public static class WeightsHash
{
    /// <summary>SHA-256 of every parameter's values of <paramref name="network"/> in model order, then every buffer's
    /// (a network without buffers hashes as before they existed), as raw little-endian floats; lowercase hex. Two runs
    /// with the same seed on the same machine give the same hash.</summary>
    public static string Of(Sequential<float> network) => Sha256(network.Parameters, network.Buffers);

    /// <summary>SHA-256 of the parameters' values and then the buffers', as <see cref="Of"/>.</summary>
    public static string Sha256(IEnumerable<Parameter<float>> parameters, IEnumerable<Buffer<float>>? buffers = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var parameter in parameters)
            hash.AppendData(MemoryMarshal.AsBytes(parameter.Values.AsSpan()));
        foreach (var buffer in buffers ?? [])
            hash.AppendData(MemoryMarshal.AsBytes(buffer.Values.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
