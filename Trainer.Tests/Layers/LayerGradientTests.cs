using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;

namespace NeuralNet.Tests.Layers;

public class LayerGradientTests
{
    [Test]
    public void DenseGradientsMatchCentralDifferences()
    {
        var random = new Random(3);
        var dense = new Dense<double>(5, 4, LayerContext<double>.WithChosenGemm(random));
        // Non-zero bias so its gradient path is exercised with a real value.
        dense.Bias.MapInplace(_ => random.NextDouble() - 0.5);
        GradientCheck.Layer(dense, Matrix<double>.Build.Random(5, 7, 11));
    }

    [Test]
    public void ReluGradientMatchesCentralDifferencesAwayFromTheKink()
    {
        var input = GradientCheck.AwayFromZero(6, 9, 0.05, new Random(5));
        GradientCheck.Layer(new ReLU<double>(6), input);
    }

    [Test]
    public void WholeModelGradientsMatchCentralDifferences()
    {
        var random = new Random(7);
        var model = Mlp.Build<double>(4, [6, 5], 3, LayerContext<double>.WithChosenGemm(random));
        var input = Matrix<double>.Build.Random(4, 8, 13);
        // The check is only meaningful away from every ReLU kink: make sure no ReLU input is near 0.
        var activation = input;
        foreach (var layer in model.Layers)
        {
            if (layer is ReLU<double>)
                Assert.That(activation.Enumerate().Min(Math.Abs), Is.GreaterThan(1e-4), "precondition: a ReLU input sits on the kink");
            activation = layer.Forward(activation, training: true);
        }
        GradientCheck.Layer(model, input);
    }

    [Test]
    public void BackwardTwiceGivesTheSameInputGradientAndAccumulatesParameterGradients()
    {
        var random = new Random(9);
        var model = Mlp.Build<double>(3, [4], 2, LayerContext<double>.WithChosenGemm(random));
        var input = Matrix<double>.Build.Random(3, 5, 17);
        var outputGradient = Matrix<double>.Build.Random(2, 5, 19);
        model.Forward(input, training: true);
        model.ZeroGradients();

        var first = model.Backward(outputGradient)!.Clone();
        var once = model.Parameters.Select(p => p.Gradient.Clone()).ToArray();
        var second = model.Backward(outputGradient)!.Clone();

        Assert.That(second.AsColumnMajorArray(), Is.EqualTo(first.AsColumnMajorArray()));
        for (int i = 0; i < once.Length; i++)
        {
            var twice = model.Parameters[i].Gradient;
            Assert.That(once[i].Enumerate().Any(v => v != 0), Is.True, $"{model.Parameters[i].Name}: gradient is all zero");
            Assert.That(twice.AsColumnMajorArray(), Is.EqualTo((once[i] * 2).AsColumnMajorArray()).Within(1e-12), model.Parameters[i].Name);
        }
    }

    [Test]
    public void FirstLayerSkipsTheInputGradientButStillAccumulatesItsParameters()
    {
        var dense = new Dense<double>(3, 2, LayerContext<double>.WithChosenGemm(new Random(1)));
        dense.Forward(Matrix<double>.Build.Random(3, 4, 2), training: true);
        var result = dense.Backward(Matrix<double>.Build.Random(2, 4, 3), inputGradientNeeded: false);
        Assert.That(result, Is.Null);
        Assert.That(dense.Parameters[0].Gradient.Enumerate().Any(v => v != 0), Is.True);
    }

    [Test]
    public void ReluBackwardIsZeroAtExactlyZeroAndPassesThePositiveSide()
    {
        var relu = new ReLU<double>(4);
        var input = Matrix<double>.Build.DenseOfColumnMajor(4, 1, [-1, 0, 2, -0.0]);
        relu.Forward(input, training: true);
        var gradient = relu.Backward(Matrix<double>.Build.DenseOfColumnMajor(4, 1, [5, 6, 7, 8]))!;
        Assert.That(gradient.AsColumnMajorArray(), Is.EqualTo(new double[] { 0, 0, 7, 0 }));
    }

    [Test]
    public void DenseHeInitialisationHasTheExpectedSpreadAndZeroBias()
    {
        var dense = new Dense<double>(400, 300, LayerContext<double>.WithChosenGemm(new Random(1)));
        var weights = dense.Weight.Enumerate().ToArray();
        double std = Math.Sqrt(weights.Select(w => w * w).Average());
        Assert.That(std, Is.EqualTo(Math.Sqrt(2.0 / 400)).Within(2).Percent);
        Assert.That(dense.Bias.Enumerate(), Is.All.EqualTo(0.0));
    }

    [Test]
    public void SequentialRejectsLayersWhoseSizesDoNotChain() =>
        Assert.That(() => new Sequential<double>([new Dense<double>(3, 4, LayerContext<double>.WithChosenGemm(new Random(1))), new ReLU<double>(5)]),
            Throws.ArgumentException.With.Message.Contains("takes 5 inputs but layer 0 gives 4"));
}
