using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>
/// The one loop that runs a network over a dataset without training, chunk by chunk. Validation and evaluate
/// (<see cref="Evaluation"/>), the finite check of an epoch's end weights, the non-finite diagnosis and predict all
/// go through it, so chunking, buffers and the inference mode of the layers are decided here once.
/// </summary>
public sealed class ForwardPass
{
    /// <summary>Samples per forward pass: large enough for efficient products, small enough to keep buffers modest.</summary>
    public const int ChunkSize = 1024;

    private readonly Sequential<float>[] _networks;      // per worker; the first is the model
    private readonly WorkerPool? _workers;
    private readonly BatchBuffers<float>[] _inputs;       // per worker: (features, chunk)
    private readonly BatchBuffers<float>[] _targets;      // per worker: (outputs, chunk)
    private readonly Matrix<float>?[] _outputs;           // per worker: its network's last output (outputs, chunk)
    private readonly Action<int> _forwardChunk;           // kept in a field: no delegate per round
    private readonly long _parameterCount;
    private readonly long _minimumWork;
    private Dataset? _data;
    private int _roundStart, _roundSize, _chunks;

    public ForwardPass(Sequential<float> model)
        : this([model], null)
    {
    }

    /// <summary>Splits the samples across <paramref name="workers"/>, one network per worker
    /// (<see cref="Parallelism.NetworksFor"/>); the first network is the model.</summary>
    public ForwardPass(Sequential<float>[] networks, WorkerPool? workers, long minimumWork = ShardPlan.MinimumWork)
    {
        _minimumWork = minimumWork;
        _networks = networks;
        _workers = networks.Length > 1 ? workers ?? throw new ArgumentNullException(nameof(workers)) : null;
        _inputs = [.. networks.Select(network => new BatchBuffers<float>(network.InputSize))];
        _targets = [.. networks.Select(network => new BatchBuffers<float>(network.OutputSize))];
        _outputs = new Matrix<float>?[networks.Length];
        _forwardChunk = ForwardChunk;
        _parameterCount = networks[0].Parameters.Sum(p => (long)p.Values.Length);
    }

    /// <summary>A pass over <paramref name="model"/> split across <paramref name="parallelism"/>'s workers (one
    /// thread when null): it builds the replicas, so make one per command, not per call.</summary>
    public static ForwardPass On(Sequential<float> model, Parallelism? parallelism) =>
        parallelism is { Workers.Count: > 1 } ? new(parallelism.NetworksFor(model), parallelism.Workers, parallelism.MinimumWork) : new(model);

    /// <summary>Called for each chunk, in order, with the index of its first sample, the network's outputs (outputs, chunk) and
    /// the chunk's targets (outputs, chunk). Both matrices are reused by a later chunk.</summary>
    public delegate void ChunkAction(int start, Matrix<float> outputs, Matrix<float> targets);

    /// <summary>Runs the first <paramref name="limit"/> samples of <paramref name="data"/> (all by default) through the
    /// network in inference mode, in chunks of <see cref="ChunkSize"/> samples starting at sample 0 whatever the
    /// workers. With several workers (when the work is worth it, by <see cref="ShardPlan"/>), each round gives each
    /// worker the next chunk, then calls <paramref name="onChunk"/> on this thread for the round's chunks in order.
    /// A sample's outputs can depend on the other columns of its product (the BLAS kernel's blocking), so fixed
    /// chunks give every sample the same bits on any number of workers.</summary>
    public void Run(Dataset data, ChunkAction onChunk, int limit = int.MaxValue)
    {
        int count = Math.Min(limit, data.Count);
        _data = data;
        ReplicaBuffers.CopyFromModel(_networks, _networks.Length); // running statistics, as the model has them now
        try
        {
            for (int start = 0; start < count; start += _roundSize)
            {
                int rest = count - start;
                bool split = ShardPlan.Shards(_networks.Length, Math.Min(rest, ChunkSize * _networks.Length), _parameterCount, _minimumWork) > 1;
                _chunks = split ? Math.Min(_networks.Length, (rest + ChunkSize - 1) / ChunkSize) : 1;
                _roundStart = start;
                _roundSize = Math.Min(rest, ChunkSize * _chunks);
                if (_chunks == 1)
                    ForwardChunk(0);
                else
                    _workers!.Run(_forwardChunk, _chunks);
                for (int w = 0; w < _chunks; w++)
                {
                    var (offset, size) = Chunk(w);
                    onChunk(start + offset, _outputs[w]!, _targets[w].For(size));
                }
            }
        }
        finally
        {
            _data = null;
        }
    }

    // Worker w's chunk of the round: [offset, offset + size) of the round's samples.
    private (int Offset, int Size) Chunk(int worker)
    {
        int offset = worker * ChunkSize;
        return (offset, Math.Min(ChunkSize, _roundSize - offset));
    }

    private void ForwardChunk(int worker)
    {
        var (offset, size) = Chunk(worker);
        var x = _inputs[worker].For(size);
        var y = _targets[worker].For(size);
        _data!.CopyRange(_roundStart + offset, x, y);
        _outputs[worker] = _networks[worker].Forward(x, training: false);
    }

    /// <summary>The first layer whose output on the first chunk of <paramref name="data"/> is non-finite, described.</summary>
    public string FirstNonFiniteOutput(Dataset data)
    {
        int size = Math.Min(ChunkSize, data.Count);
        var x = _inputs[0].For(size);
        data.CopyRange(0, x, _targets[0].For(size));
        return FirstNonFiniteOutput(_networks[0], x);
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
