using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>
/// The one loop that runs a network over a dataset without training, chunk by chunk. Validation and evaluate
/// (<see cref="Evaluation"/>), the finite check of an epoch's end weights, the non-finite diagnosis and predict all
/// go through it, so chunking, buffers and the inference mode of the layers are decided here once.
/// </summary>
public sealed class ForwardPass(Sequential<float> model)
{
    /// <summary>Samples per forward pass: large enough for efficient products, small enough to keep buffers modest.</summary>
    public const int ChunkSize = 1024;

    private readonly BatchBuffers<float> _inputs = new(model.InputSize);   // (features, chunk)
    private readonly BatchBuffers<float> _targets = new(model.OutputSize); // (outputs, chunk)

    /// <summary>Called for each chunk with the index of its first sample, the network's outputs (outputs, chunk) and
    /// the chunk's targets (outputs, chunk). Both matrices are reused by the next chunk.</summary>
    public delegate void ChunkAction(int start, Matrix<float> outputs, Matrix<float> targets);

    /// <summary>Runs the first <paramref name="limit"/> samples of <paramref name="data"/> (all by default) through the
    /// network in inference mode.</summary>
    public void Run(Dataset data, ChunkAction onChunk, int limit = int.MaxValue)
    {
        int count = Math.Min(limit, data.Count);
        for (int start = 0; start < count; start += ChunkSize)
        {
            int size = Math.Min(ChunkSize, count - start);
            var x = _inputs.For(size);
            var y = _targets.For(size);
            data.CopyRange(start, x, y);
            onChunk(start, model.Forward(x, training: false), y);
        }
    }

    /// <summary>The first layer whose output on the first chunk of <paramref name="data"/> is non-finite, described.</summary>
    public string FirstNonFiniteOutput(Dataset data)
    {
        int size = Math.Min(ChunkSize, data.Count);
        var x = _inputs.For(size);
        data.CopyRange(0, x, _targets.For(size));
        return FirstNonFiniteOutput(model, x);
    }

    /// <summary>Runs <paramref name="input"/> (features, batch) through the layers one at a time and names the first
    /// whose output holds a NaN or ±∞. Only called after a non-finite loss, so it may allocate.</summary>
    public static string FirstNonFiniteOutput(Sequential<float> model, Matrix<float> input)
    {
        var activation = input;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            activation = model.Layers[i].Forward(activation, training: false);
            if (Array.Exists(activation.AsColumnMajorArray(), v => !float.IsFinite(v)))
                return $"layer {i} ({LayerDescription.Of(model.Layers[i])})";
        }
        return "none (every layer's output was finite; the loss itself overflowed)";
    }
}
