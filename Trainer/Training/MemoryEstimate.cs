using NeuralNet.Data;
using NeuralNet.Layers;
using static System.FormattableString;

namespace NeuralNet.Training;

/// <summary>
/// What training a network will allocate, worked out from its layer specs before any layer is built: a network whose
/// matrices overflow an array, or that does not fit in memory, is refused in one line instead of climbing to 20 GB
/// and crashing. Counts are long: 65537 × 65537 weights are more than an int holds.
/// </summary>
public sealed record MemoryEstimate(long Parameters, long LargestMatrix, long Bytes)
{
    /// <summary>Values per parameter kept while training: the value, its gradient and the best epoch's copy.</summary>
    private const int CopiesPerParameter = 3;

    /// <summary>The most weights one layer can be initialised with: Dense draws its He-normal weights as doubles
    /// through MathNet, which fills one byte buffer of 8 bytes per value, so the count times 8 must fit an int.</summary>
    public const long MaxMatrix = int.MaxValue / sizeof(double);

    /// <summary>Measures a network of <paramref name="specs"/> (the output layer appended as
    /// <see cref="LayerRegistry.Build{T}"/> does) for training with the given batch and evaluation sizes.</summary>
    /// <param name="optimizerStates">Values per parameter the optimizer keeps: 1 for SGD with momentum, 2 for Adam.</param>
    /// <param name="workers">Workers (<c>--threads</c>): each one past the first holds a replica of the network with
    /// its own gradients and its own buffers for an evaluation chunk (the batch's shards add up to the batch).</param>
    /// <exception cref="InputException">A spec argument is invalid (the layer's own message).</exception>
    public static MemoryEstimate For(IReadOnlyList<LayerSpec> specs, int inputs, int outputs, int batch, int evaluationChunk, int optimizerStates, int workers = 1)
    {
        var (parameters, largest, widths, _) = Measure(LayerRegistry.WithOutputLayer(specs, outputs), inputs);
        // Each layer keeps its output and its input gradient, (width, batch), per batch size it sees: the batch, the
        // epoch's last partial batch, and the same two for the evaluation chunk.
        long activations = widths * 2L * (batch + evaluationChunk * (long)workers);
        // Initialising the largest layer briefly holds its weights as doubles and as floats besides.
        long bytes = sizeof(float) * (parameters * (CopiesPerParameter + optimizerStates + workers - 1L) + activations) + (sizeof(double) + sizeof(float)) * largest;
        return new MemoryEstimate(parameters, largest, bytes);
    }

    // Walks the specs as the layers would be built, without building any that scales with its sizes: parameters,
    // the largest weight matrix, the sum over layers of (inputs + outputs), and the width that comes out.
    private static (long Parameters, long Largest, long Widths, long Width) Measure(IReadOnlyList<LayerSpec> specs, long width)
    {
        long parameters = 0, largest = 0, widths = 0;
        foreach (var spec in specs)
        {
            long next, layerParameters;
            if (spec.Name == LayerRegistry.OutputLayer && spec.Arguments.Count > 0)
            {
                spec.AtMost(1, "dense:N");
                next = spec.Count(0, "the number of outputs")!.Value;
                layerParameters = width * next + next;
                largest = Math.Max(largest, width * next);
            }
            else if (spec.Children.Count > 0)
            {
                // A layer that holds layers costs its inner layers, times its count when it has one (ensemble:K's K
                // members); an upper estimate for one that adds its own (residual adds none).
                long copies = spec.Count(0, "the count") ?? 1;
                var inner = Measure(spec.Children, width);
                layerParameters = copies * inner.Parameters;
                largest = Math.Max(largest, inner.Largest);
                widths += copies * inner.Widths;
                next = inner.Width;
            }
            else
            {
                // Other layers have parameters per input feature (prelu's slope, batchnorm's scale, periodic's
                // frequencies) and give outputs per input feature (periodic's embedding): build one feature's worth,
                // which also checks the spec's arguments (and refuses a bare 'dense' before the last layer), and scale.
                var one = LayerRegistry.Create<float>(spec, 1, new LayerContext<float>(new Random(0), NeuralNet.LinearAlgebra.ManagedGemm.Instance));
                layerParameters = (one.Parameters.Sum(p => (long)p.Values.Length) + one.Buffers.Sum(b => (long)b.Values.Length)) * width;
                next = one.OutputSize * width;
            }
            parameters += layerParameters;
            widths += width + next;
            width = next;
        }
        return (parameters, largest, widths, width);
    }

    /// <summary>Throws unless every weight matrix fits <see cref="MaxMatrix"/> and the whole fits in <see cref="AvailableMemory"/>.</summary>
    /// <param name="network">The network as the user wrote it, for the message.</param>
    /// <param name="batchSize">How the caller names the batch size, for the advice to make it smaller.</param>
    /// <exception cref="InputException">One line with the estimate and the limit.</exception>
    public void Check(string network, string batchSize = "batch size")
    {
        if (LargestMatrix > MaxMatrix)
        {
            throw new InputException(Invariant(
                $"the network {network} has a weight matrix of {LargestMatrix:N0} values ({Parameters:N0} parameters in all), more than the {MaxMatrix:N0} one layer can hold; use narrower layers"));
        }
        AvailableMemory.Check(Bytes, Invariant($"training the network {network} ({Parameters:N0} parameters)"),
            $"use fewer or narrower layers, or a smaller {batchSize}");
    }
}
