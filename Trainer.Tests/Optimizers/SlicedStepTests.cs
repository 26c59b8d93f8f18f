using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;
using NeuralNet.Optimizers;

namespace NeuralNet.Tests.Optimizers;

/// <summary>The data-parallel step applies the optimizer slice by slice on several threads; that must give the
/// bits of the whole step, whatever the slices (including ones that cut through a SIMD vector), and with the last
/// shard's gradient added inside the optimizer's pass, the bits of adding it first.</summary>
public class SlicedStepTests
{
    [TestCase("sgd", false)]
    [TestCase("sgd-nesterov", false)]
    [TestCase("sgd-no-momentum", false)]
    [TestCase("adam", false)]
    [TestCase("adamw", false)]
    [TestCase("sgd", true)]
    [TestCase("sgd-nesterov", true)]
    [TestCase("sgd-no-momentum", true)]
    [TestCase("adam", true)]
    [TestCase("adamw", true)]
    public void StepsTakenInSlicesOnThreeThreadsGiveTheWholeStepsBits(string kind, bool secondShardAddedInThePass)
    {
        var whole = Parameters();
        var sliced = Parameters();
        var wholeOptimizer = Create(kind);
        var slicedOptimizer = Create(kind);
        var random = new Random(3);
        var added = new float[whole.Length][];
        for (int step = 0; step < 4; step++)
        {
            for (int k = 0; k < whole.Length; k++)
            {
                var gradient = Enumerable.Range(0, whole[k].Gradients.Length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
                // With a second shard: the whole step sees the sum, the sliced one its two terms.
                added[k] = secondShardAddedInThePass
                    ? [.. Enumerable.Range(0, gradient.Length).Select(_ => (float)(random.NextDouble() - 0.5))]
                    : [];
                gradient.CopyTo(sliced[k].Gradients, 0);
                for (int i = 0; i < added[k].Length; i++)
                    gradient[i] += added[k][i];
                gradient.CopyTo(whole[k].Gradients, 0);
            }
            wholeOptimizer.Step(whole);
            slicedOptimizer.BeginStep(sliced);
            Parallel.For(0, 3, part =>
            {
                for (int k = 0; k < sliced.Length; k++)
                {
                    int n = sliced[k].Values.Length, start = n * part / 3, end = n * (part + 1) / 3;
                    var addend = added[k].Length == 0 ? default : added[k].AsSpan(start, end - start);
                    slicedOptimizer.StepSlice(sliced[k], start, end - start, addend);
                }
            });
        }
        for (int k = 0; k < whole.Length; k++)
        {
            Assert.That(sliced[k].Values, Is.EqualTo(whole[k].Values), $"parameter {k}");
            Assert.That(sliced[k].Values, Is.Not.EqualTo(Parameters()[k].Values), $"parameter {k} moved");
        }
    }

    private static Parameter<float>[] Parameters()
    {
        var random = new Random(1);
        return [.. new[] { (37, 5), (37, 1), (3, 1) }.Select(shape => new Parameter<float>("p",
            Matrix<float>.Build.Dense(shape.Item1, shape.Item2, (_, _) => (float)random.NextDouble())))];
    }

    private static IOptimizer<float> Create(string kind) => kind switch
    {
        "adam" => new Adam<float>(0.01f, 0.9f, 0.999f, 1e-8f, 0.01f),
        "adamw" => OptimizerRegistry.Create<float>("adamw", new OptimizerSettings(0.01, WeightDecay: 0.05)),
        "sgd-nesterov" => new Sgd<float>(0.05f, 0.9f, 0.01f, nesterov: true),
        "sgd-no-momentum" => new Sgd<float>(0.05f, 0f, 0.01f),
        _ => new Sgd<float>(0.05f, 0.9f, 0.01f),
    };
}
