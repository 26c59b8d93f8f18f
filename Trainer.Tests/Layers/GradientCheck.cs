using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;

namespace NeuralNet.Tests.Layers;

/// <summary>
/// The one central-difference gradient check, in double, that every layer goes through. The scalar under test is
/// L = Σ r ⊙ layer(x) for a fixed random r, so dL/dy = r is what Backward receives; each input and parameter
/// element is then nudged by ±h and (L₊ − L₋) / 2h is compared with the analytic gradient.
/// A layer that draws random numbers (dropout's mask, <see cref="Layer{T}.Reseed"/>) is reseeded before every forward
/// pass, so the nudged passes see the same mask as the one Backward differentiates.
/// </summary>
public static class GradientCheck
{
    private const double Step = 1e-6;

    /// <summary>Largest relative error allowed: |analytic − numeric| / max(1, |analytic|, |numeric|).</summary>
    public const double Tolerance = 1e-6;

    public static void Layer(Layer<double> layer, Matrix<double> input, int seed = 1)
    {
        var random = new Random(seed);
        var output = Forward(layer, input);
        var projection = Matrix<double>.Build.Dense(output.RowCount, output.ColumnCount, (_, _) => random.NextDouble() * 2 - 1);

        foreach (var parameter in layer.Parameters)
            parameter.ZeroGradient();
        var inputGradient = layer.Backward(projection)!.Clone();
        var parameterGradients = layer.Parameters.Select(p => p.Gradient.Clone()).ToArray();

        double Loss() => Forward(layer, input).PointwiseMultiply(projection).Enumerate().Sum();

        Compare("input", input.AsColumnMajorArray(), inputGradient.AsColumnMajorArray(), Loss);
        for (int i = 0; i < parameterGradients.Length; i++)
            Compare(layer.Parameters[i].Name, layer.Parameters[i].Values, parameterGradients[i].AsColumnMajorArray(), Loss);
    }

    private static Matrix<double> Forward(Layer<double> layer, Matrix<double> input)
    {
        layer.Reseed(new Random(MaskSeed));
        return layer.Forward(input, training: true);
    }

    private const int MaskSeed = 12345;

    /// <summary>Checks d(loss)/d(output) of a loss against central differences of its Forward.</summary>
    public static void Loss(NeuralNet.Losses.ILoss<double> loss, Matrix<double> output, Matrix<double> target)
    {
        loss.Forward(output, target);
        var analytic = loss.Backward().Clone();
        Compare("output", output.AsColumnMajorArray(), analytic.AsColumnMajorArray(), () => loss.Forward(output, target));
    }

    private static void Compare(string what, double[] values, double[] analytic, Func<double> loss)
    {
        Assert.That(analytic, Has.Length.EqualTo(values.Length), what);
        for (int i = 0; i < values.Length; i++)
        {
            double original = values[i];
            values[i] = original + Step;
            double plus = loss();
            values[i] = original - Step;
            double minus = loss();
            values[i] = original;
            double numeric = (plus - minus) / (2 * Step);
            double error = Math.Abs(analytic[i] - numeric) / Math.Max(1, Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric)));
            Assert.That(error, Is.LessThan(Tolerance), $"d/d{what}[{i}]: analytic {analytic[i]}, numeric {numeric}");
        }
    }

    /// <summary>A (rows, columns) matrix of values in ±[min, 1): kept at least <paramref name="min"/> away from 0,
    /// so no value sits on the ReLU kink, where the derivative does not exist.</summary>
    public static Matrix<double> AwayFromZero(int rows, int columns, double min, Random random) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => (random.Next(2) == 0 ? -1 : 1) * (min + random.NextDouble() * (1 - min)));
}
