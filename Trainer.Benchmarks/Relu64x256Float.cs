using BenchmarkDotNet.Attributes;

namespace NeuralNet.Benchmarks;

/// <summary>A trainer-sized batch: 64 rows × 256 units of float, 64 KB, which lives in L2.</summary>
[Config(typeof(BatchConfig))]
public class Relu64x256Float : ReluTable<float>
{
    public const int Length = 64 * 256;

    /// <summary>Calls per iteration, each on its own slot of the ring.</summary>
    public const int RingSize = 8;

    private float[][] _xRing = [];
    private float[][] _dyRing = [];
    private int _nextX;
    private int _nextDy;

    [GlobalSetup]
    public void Setup()
    {
        MakeInputs(Length, seed: 0);
        _xRing = [.. Enumerable.Range(0, RingSize).Select(_ => new float[Length])];
        _dyRing = [.. Enumerable.Range(0, RingSize).Select(_ => new float[Length])];
        RefreshX();
        RefreshDy();
    }

    // Modulo only guards against an engine that invokes more often than configured; then a slot is reused.
    protected override float[] NextX() => _xRing[_nextX++ % RingSize];

    protected override float[] NextDy() => _dyRing[_nextDy++ % RingSize];

    protected override void RefreshX()
    {
        foreach (float[] slot in _xRing)
        {
            PristineX.CopyTo(slot);
        }

        _nextX = 0;
    }

    protected override void RefreshDy()
    {
        foreach (float[] slot in _dyRing)
        {
            PristineDy.CopyTo(slot);
        }

        _nextDy = 0;
    }
}
