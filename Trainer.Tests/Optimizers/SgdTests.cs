using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;
using NeuralNet.Optimizers;

namespace NeuralNet.Tests.Optimizers;

/// <summary>
/// Two steps of torch.optim.SGD worked by hand for p = (1, −2), grad = (0.5, 0.25) on both steps, lr 0.1,
/// momentum 0.9, weight decay 0.01:
///   step 1: g = grad + 0.01·p = (0.51, 0.23); b = g;                        p = p − 0.1·b
///   step 2: g = (0.50949, 0.22977);           b = 0.9·(0.51, 0.23) + g = (0.96849, 0.43677)
/// and with Nesterov the step direction is g + 0.9·b instead of b.
/// The pair is repeated along a long parameter so both the SIMD body and the scalar tail compute it.
/// </summary>
public class SgdTests
{
    private const int Length = 37; // several Vector<double> widths plus a tail

    [TestCase(false, 0.949, -2.023, 0.852151, -2.066677)]
    [TestCase(true, 0.9031, -2.0437, 0.76507411, -2.10594697)]
    public void TwoStepsMatchThePyTorchUpdateWorkedByHand(bool nesterov, double p1a, double p1b, double p2a, double p2b)
    {
        var parameter = Pair(1.0, -2.0);
        var sgd = new Sgd<double>(0.1, momentum: 0.9, weightDecay: 0.01, nesterov: nesterov);

        SetGradient(parameter, 0.5, 0.25);
        sgd.Step([parameter]);
        AssertPairs(parameter, p1a, p1b);

        SetGradient(parameter, 0.5, 0.25);
        sgd.Step([parameter]);
        AssertPairs(parameter, p2a, p2b);
    }

    [Test]
    public void PlainSgdWithoutMomentumOrDecayIsGradientDescent()
    {
        var parameter = Pair(1.0, -2.0);
        SetGradient(parameter, 0.5, 0.25);
        new Sgd<double>(0.1).Step([parameter]);
        AssertPairs(parameter, 0.95, -2.025);
    }

    [Test]
    public void StepLeavesTheGradientsForTheLoopToZero()
    {
        var parameter = Pair(1.0, -2.0);
        SetGradient(parameter, 0.5, 0.25);
        new Sgd<double>(0.1, 0.9).Step([parameter]);
        Assert.That(parameter.Gradients[0], Is.EqualTo(0.5));
    }

    [Test]
    public void NesterovWithoutMomentumIsRejected() =>
        Assert.That(() => new Sgd<double>(0.1, momentum: 0, nesterov: true), Throws.ArgumentException);

    private static Parameter<double> Pair(double a, double b) =>
        new("p", Matrix<double>.Build.Dense(Length, 1, (i, _) => i % 2 == 0 ? a : b));

    private static void SetGradient(Parameter<double> parameter, double a, double b)
    {
        for (int i = 0; i < Length; i++)
            parameter.Gradients[i] = i % 2 == 0 ? a : b;
    }

    private static void AssertPairs(Parameter<double> parameter, double a, double b)
    {
        for (int i = 0; i < Length; i++)
            Assert.That(parameter.Values[i], Is.EqualTo(i % 2 == 0 ? a : b).Within(1e-12), $"element {i}");
    }
}
