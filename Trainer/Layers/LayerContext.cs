using NeuralNet.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>What a layer is given when a network is built, beside its spec and input size: the random stream for
/// its initial values (and dropout's mask seed), and the matrix product it runs on.</summary>
public sealed record LayerContext<T>(Random Random, IGemm<T> Gemm) where T : struct
{
    /// <summary>A context on the product <see cref="BlasBackend"/> chose at startup (MathNet's managed one before any choice).</summary>
    public static LayerContext<T> WithChosenGemm(Random random) => new(random, BlasBackend.Gemm<T>());
}
