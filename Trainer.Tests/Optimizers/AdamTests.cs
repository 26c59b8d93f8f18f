using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;
using NeuralNet.Optimizers;

namespace NeuralNet.Tests.Optimizers;

public class AdamTests
{
    // Nine values: on a machine with Vector<double>.Count = 4 or 8 they cover both the SIMD body and the scalar tail.
    private static readonly double[] Start = [1.0, -2.0, 0.5, 3.0, -0.25, 0.0, 2.0, -1.5, 0.75];
    private static readonly double[] FirstGradient = [0.5, -1.0, 0.2, 0.0, 1.5, -0.3, 0.05, 2.0, -0.7];
    private static readonly double[] SecondGradient = [0.1, 0.3, -0.4, 0.25, -1.0, 0.6, 0.0, -0.2, 0.9];

    [Test]
    public void TwoStepsMatchPyTorchsAdamWorkedByHand()
    {
        // lr 0.1, betas 0.9/0.999, eps 1e-8, weight decay 0.1, each value worked through
        // g = grad + 0.1·p; m = 0.9m + 0.1g; v = 0.999v + 0.001g²; p −= 0.1·(m/(1−0.9ᵗ)) / (√(v/(1−0.999ᵗ)) + 1e-8).
        // After step 1, m/(1−β1) = g and v/(1−β2) = g², so each value moves by lr·sign(g) (less ε): 1 → 0.9, −2 → −1.9…
        double[] afterOne = [0.9000000016666666, -1.9000000008333333, 0.4000000039999998, 2.900000003333333, -0.3499999993220339, 0.09999999666666678, 1.9000000039999998, -1.5999999994594594, 0.8499999984];
        double[] afterTwo = [0.8136483454297575, -1.8400703555381717, 0.42292416911362846, 2.8024146043693214, -0.3620835092644759, 0.06277745574904045, 1.8016215250506622, -1.6515501618934683, 0.8230451610762552];
        var parameter = new Parameter<double>("w", Matrix<double>.Build.DenseOfColumnMajor(9, 1, Start));
        var adam = new Adam<double>(0.1, 0.9, 0.999, 1e-8, weightDecay: 0.1);

        FirstGradient.CopyTo(parameter.Gradients, 0);
        adam.Step([parameter]);
        Assert.That(parameter.Values, Is.EqualTo(afterOne).Within(1e-12), "step 1");

        SecondGradient.CopyTo(parameter.Gradients, 0);
        adam.Step([parameter]);
        Assert.That(parameter.Values, Is.EqualTo(afterTwo).Within(1e-12), "step 2");
    }

    [Test]
    public void TheRegistryBuildsAdamAndSgdFromTheCommandLineSettings()
    {
        var settings = new OptimizerSettings(0.01, Momentum: 0.9, WeightDecay: 0.02, Beta1: 0.8, Beta2: 0.99);

        var adam = OptimizerRegistry.Create<float>("adam", settings);
        var sgd = OptimizerRegistry.Create<float>("sgd", settings);

        Assert.That(adam, Is.TypeOf<Adam<float>>().With.Property(nameof(Adam<float>.Beta1)).EqualTo(0.8f));
        Assert.That(sgd, Is.TypeOf<Sgd<float>>().With.Property(nameof(Sgd<float>.Momentum)).EqualTo(0.9f));
        Assert.That(OptimizerRegistry.Names, Is.EquivalentTo(new[] { "adam", "adamw", "sgd" }));
    }

    /// <summary>What each optimizer adds to a run's memory (MemoryEstimate): Adam's and AdamW's two moments, SGD's
    /// velocity only with momentum.</summary>
    [TestCase(OptimizerNames.Adam, 0.9, 2)]
    [TestCase(OptimizerNames.AdamW, 0.9, 2)]
    [TestCase(OptimizerNames.Sgd, 0.9, 1)]
    [TestCase(OptimizerNames.Sgd, 0.0, 0)]
    public void EachOptimizerCountsItsStateArrays(string name, double momentum, int arrays)
    {
        var optimizer = OptimizerRegistry.Create<float>(name, new OptimizerSettings(0.01, Momentum: momentum));

        Assert.That(optimizer.StateArrays, Is.EqualTo(arrays));
    }

    [Test]
    public void AStepAfterTheFirstAllocatesNothing()
    {
        var parameter = new Parameter<float>("w", Matrix<float>.Build.Random(64, 33, 1));
        var adam = new Adam<float>(0.01f, 0.9f, 0.999f, 1e-8f);
        IReadOnlyList<Parameter<float>> parameters = [parameter];
        adam.Step(parameters);

        long before = GC.GetAllocatedBytesForCurrentThread();
        adam.Step(parameters);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
