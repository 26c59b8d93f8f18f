using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;
using NeuralNet.Optimizers;

namespace NeuralNet.Tests.Optimizers;

public class AdamWTests
{
    // The values of AdamTests: nine, so both the SIMD body and the scalar tail run.
    private static readonly double[] Start = [1.0, -2.0, 0.5, 3.0, -0.25, 0.0, 2.0, -1.5, 0.75];
    private static readonly double[] FirstGradient = [0.5, -1.0, 0.2, 0.0, 1.5, -0.3, 0.05, 2.0, -0.7];
    private static readonly double[] SecondGradient = [0.1, 0.3, -0.4, 0.25, -1.0, 0.6, 0.0, -0.2, 0.9];

    [Test]
    public void TwoStepsMatchPyTorchsAdamWWorkedByHand()
    {
        // lr 0.1, betas 0.9/0.999, eps 1e-8, weight decay 0.1, as torch.optim.AdamW: p ·= 1 − 0.1·0.1, then Adam on
        // the plain gradient. After step 1 each value is 0.99·p − 0.1·sign(g) (less ε): 1 → 0.89, −2 → −1.88; a zero
        // gradient (the 3.0) only decays: 2.97.
        double[] afterOne = [0.890000002, -1.880000001, 0.39500000499999977, 2.9699999999999998, -0.3474999993333333, 0.09999999666666678, 1.880000019999996, -1.5849999995, 0.8424999985714285];
        double[] afterTwo = [0.8007959063646517, -1.8184151424192265, 0.4276603564960368, 2.8658863218517223, -0.3584770521982649, 0.06238964476811401, 1.7941942133431885, -1.6284148505133158, 0.8164500953234088];
        var parameter = new Parameter<double>("w", Matrix<double>.Build.DenseOfColumnMajor(9, 1, Start));
        var adamw = new AdamW<double>(0.1, 0.9, 0.999, 1e-8, weightDecay: 0.1);

        FirstGradient.CopyTo(parameter.Gradients, 0);
        adamw.Step([parameter]);
        Assert.That(parameter.Values, Is.EqualTo(afterOne).Within(1e-12), "step 1");

        SecondGradient.CopyTo(parameter.Gradients, 0);
        adamw.Step([parameter]);
        Assert.That(parameter.Values, Is.EqualTo(afterTwo).Within(1e-12), "step 2");
    }

    [Test]
    public void WithoutWeightDecayItIsAdam()
    {
        var a = new Parameter<double>("a", Matrix<double>.Build.DenseOfColumnMajor(9, 1, Start));
        var b = new Parameter<double>("b", Matrix<double>.Build.DenseOfColumnMajor(9, 1, Start));
        var adamw = new AdamW<double>(0.05, 0.9, 0.999, 1e-8, weightDecay: 0);
        var adam = new Adam<double>(0.05, 0.9, 0.999, 1e-8);

        foreach (double[] gradient in new[] { FirstGradient, SecondGradient })
        {
            gradient.CopyTo(a.Gradients, 0);
            gradient.CopyTo(b.Gradients, 0);
            adamw.Step([a]);
            adam.Step([b]);
        }
        Assert.That(a.Values, Is.EqualTo(b.Values));
    }

    [Test]
    public void TheRegistryBuildsItWithTheDecayDecoupled()
    {
        var adamw = OptimizerRegistry.Create<float>("adamw", new OptimizerSettings(0.001, WeightDecay: 0.01));

        Assert.That(adamw, Is.TypeOf<AdamW<float>>().With.Property(nameof(AdamW<float>.WeightDecay)).EqualTo(0.01f));
        Assert.That(adamw.Description, Does.Contain("decoupled weight decay 0.01"));
    }
}
