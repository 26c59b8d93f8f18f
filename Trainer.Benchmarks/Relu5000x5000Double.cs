using BenchmarkDotNet.Attributes;

namespace NeuralNet.Benchmarks;

/// <summary>The thread's size: 5000×5000 double, 200 MB per array, far beyond every cache.</summary>
[Config(typeof(LargeConfig))]
public class Relu5000x5000Double : ReluTable<double>
{
    public const int Length = 5000 * 5000;

    private double[] _x = [];
    private double[] _dy = [];

    [GlobalSetup]
    public void Setup()
    {
        MakeInputs(Length, seed: 0);
        _x = new double[Length];
        _dy = new double[Length];
        RefreshX();
        RefreshDy();
    }

    protected override double[] NextX() => _x;

    protected override double[] NextDy() => _dy;

    protected override void RefreshX() => PristineX.CopyTo(_x);

    protected override void RefreshDy() => PristineDy.CopyTo(_dy);
}
