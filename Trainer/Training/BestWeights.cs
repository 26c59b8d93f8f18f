using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>A copy of the parameters (and buffers: running statistics) of the epoch with the lowest loss so far, to
/// put back at the end. The copy's arrays are allocated once; taking a snapshot only copies.</summary>
public sealed class BestWeights(IReadOnlyList<float[]> values)
{
    private readonly float[][] _copy = [.. values.Select(v => new float[v.Length])];

    public BestWeights(IReadOnlyList<Parameter<float>> parameters)
        : this([.. parameters.Select(p => p.Values)])
    {
    }

    /// <summary>The snapshot of a network: its parameters and its buffers.</summary>
    public BestWeights(Sequential<float> network)
        : this([.. network.Parameters.Select(p => p.Values), .. network.Buffers.Select(b => b.Values)])
    {
    }

    /// <summary>The epoch of the snapshot; 0 before the first.</summary>
    public int Epoch { get; private set; }

    public double Loss { get; private set; } = double.PositiveInfinity;

    public bool HasSnapshot => Epoch > 0;

    /// <summary>Takes a snapshot when <paramref name="loss"/> is lower than the best so far; returns whether it did.</summary>
    public bool Offer(int epoch, double loss)
    {
        if (!(loss < Loss))
            return false;
        for (int i = 0; i < _copy.Length; i++)
            values[i].CopyTo(_copy[i], 0);
        (Epoch, Loss) = (epoch, loss);
        return true;
    }

    public void Restore()
    {
        if (!HasSnapshot)
            throw new InvalidOperationException("no snapshot has been taken");
        for (int i = 0; i < _copy.Length; i++)
            _copy[i].CopyTo(values[i], 0);
    }
}
