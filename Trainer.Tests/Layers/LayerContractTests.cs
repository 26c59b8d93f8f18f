using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralNet.Data;
using NeuralNet.Export;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Layers;

/// <summary>
/// The contract every registered layer must keep, run for each <see cref="LayerAttribute"/> class in the trainer
/// from its <see cref="LayerAttribute.Example"/> spec: a new layer is tested here without writing a test.
/// </summary>
public class LayerContractTests
{
    private const int Inputs = 5;
    private const int Batch = 7;

    // Fitted on iris (4 features, 3 classes) for the model-file round trip.
    private static readonly Preprocessing IrisPrep = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1)).Preprocessing;

    public static IEnumerable<TestCaseData> Examples() =>
        LayerRegistry.All.Select(layer => new TestCaseData(layer.Example).SetArgDisplayNames(layer.Name));

    [Test]
    public void EveryShippedLayerIsRegistered() =>
        Assert.That(LayerRegistry.All.Select(layer => layer.Name),
            Is.SupersetOf(new[] { "dense", "relu", "leaky_relu", "generalized_relu", "prelu", "dropout" }));

    [TestCaseSource(nameof(Examples))]
    public void ExampleAndUsageAreGivenAndTheExampleNamesTheLayer(string example)
    {
        var spec = LayerRegistry.Parse(example).Single();
        var registered = LayerRegistry.All.Single(layer => layer.Name == spec.Name);
        Assert.That(registered.Usage, Does.StartWith(spec.Name));
        Assert.That(Build(example, 1).Spec, Does.StartWith(spec.Name));
    }

    [TestCaseSource(nameof(Examples))]
    public void ShapesFollowTheSizesTheLayerDeclares(string example)
    {
        var layer = Build(example, 1);
        foreach (int batch in (int[])[Batch, 1, 3])
        {
            var input = Input(example, batch, new Random(batch));
            foreach (bool training in (bool[])[true, false])
            {
                var output = layer.Forward(input, training);
                Assert.That((output.RowCount, output.ColumnCount), Is.EqualTo((layer.OutputSize, batch)), $"output, training {training}");
                var inputGradient = layer.Backward(Matrix<double>.Build.Random(layer.OutputSize, batch, 2))!;
                Assert.That((inputGradient.RowCount, inputGradient.ColumnCount), Is.EqualTo((Inputs, batch)), $"input gradient, training {training}");
            }
        }
        Assert.That(layer.InputSize, Is.EqualTo(Inputs));
        foreach (var parameter in layer.Parameters)
            Assert.That((parameter.Gradient.RowCount, parameter.Gradient.ColumnCount), Is.EqualTo((parameter.Value.RowCount, parameter.Value.ColumnCount)), parameter.Name);
    }

    [TestCaseSource(nameof(Examples))]
    public void GradientsOfTheInputAndEveryParameterMatchCentralDifferences(string example)
    {
        var layer = Build(example, 2);
        GradientCheck.Layer(layer, Input(example, Batch, new Random(3)));
    }

    [TestCaseSource(nameof(Examples))]
    public void BackwardTwiceGivesTheSameInputGradientAndDoublesTheParameterGradients(string example)
    {
        var layer = Build(example, 3);
        layer.Forward(Input(example, Batch, new Random(4)), training: true);
        foreach (var parameter in layer.Parameters)
            parameter.ZeroGradient();
        var outputGradient = Matrix<double>.Build.Random(layer.OutputSize, Batch, 5);

        var first = layer.Backward(outputGradient)!.Clone();
        var once = layer.Parameters.Select(p => p.Gradient.Clone()).ToArray();
        var second = layer.Backward(outputGradient)!;

        Assert.That(second.AsColumnMajorArray(), Is.EqualTo(first.AsColumnMajorArray()));
        for (int i = 0; i < once.Length; i++)
        {
            Assert.That(once[i].Enumerate().Any(v => v != 0), Is.True, $"{layer.Parameters[i].Name}: the gradient is all zero, so doubling proves nothing");
            Assert.That(layer.Parameters[i].Gradients, Is.EqualTo((once[i] * 2).AsColumnMajorArray()).Within(1e-12), layer.Parameters[i].Name);
        }
    }

    [TestCaseSource(nameof(Examples))]
    public void TheInputAndTheOutputGradientAreNotChanged(string example)
    {
        var layer = Build(example, 4);
        var input = Input(example, Batch, new Random(6));
        var outputGradient = Matrix<double>.Build.Random(layer.OutputSize, Batch, 7);
        var inputCopy = input.Clone();
        var outputGradientCopy = outputGradient.Clone();

        layer.Forward(input, training: true);
        layer.Backward(outputGradient);
        layer.Forward(input, training: false);
        layer.Backward(outputGradient);

        Assert.That(input.AsColumnMajorArray(), Is.EqualTo(inputCopy.AsColumnMajorArray()), "input");
        Assert.That(outputGradient.AsColumnMajorArray(), Is.EqualTo(outputGradientCopy.AsColumnMajorArray()), "output gradient");
    }

    [TestCaseSource(nameof(Examples))]
    public void TwoLayersBuiltWithTheSameSeedGiveTheSameOutput(string example)
    {
        var input = Input(example, Batch, new Random(8));
        foreach (bool training in (bool[])[true, false])
        {
            var first = LayerRegistry.Create<double>(LayerRegistry.Parse(example).Single(), Inputs, LayerContext<double>.WithChosenGemm(new Random(9))).Forward(input, training).Clone();
            var second = LayerRegistry.Create<double>(LayerRegistry.Parse(example).Single(), Inputs, LayerContext<double>.WithChosenGemm(new Random(9))).Forward(input, training);
            Assert.That(second.AsColumnMajorArray(), Is.EqualTo(first.AsColumnMajorArray()), $"training {training}");
        }
    }

    [TestCaseSource(nameof(Examples))]
    public void AModelFileRoundTripGivesTheSameLayerAndOutputs(string example)
    {
        // The layer takes iris's 4 features; a dense output layer gives its 3 classes, as a trained model would.
        var random = new Random(10);
        var layer = LayerRegistry.Create(LayerRegistry.Parse(example).Single(), 4, LayerContext<float>.WithChosenGemm(random));
        MoveOffInitialValues(layer, random);
        var network = new Sequential<float>([layer, new Dense<float>(layer.OutputSize, 3, LayerContext<float>.WithChosenGemm(random))]);
        using var temp = new TempFolder();
        string path = temp.File("m.json");
        ModelSerializer.Save(path, ModelSerializer.ToDocument(network, IrisPrep, null, null));

        var loaded = ModelSerializer.Load(path).Network;

        Assert.That(loaded.Spec, Is.EqualTo(network.Spec));
        Assert.That(loaded.Buffers.SelectMany(b => b.Values), Is.EqualTo(network.Buffers.SelectMany(b => b.Values)), "the buffers");
        var input = Matrix<float>.Build.Random(4, Batch, 11);
        Assert.That(loaded.Forward(input, training: false).AsColumnMajorArray(), Is.EqualTo(network.Forward(input, training: false).AsColumnMajorArray()));
    }

    [TestCaseSource(nameof(Examples))]
    public void TheDescriptionAndTheSummaryNameTheLayer(string example)
    {
        var layer = Build(example, 12);
        string name = LayerRegistry.Parse(example).Single().Name;

        Assert.That(layer.Description, Does.StartWith(name).And.Contain(Inputs.ToString(CultureInfo.InvariantCulture)).And.Not.Contain("\n"));
        Assert.That(layer.Summary, Does.StartWith(name).And.Not.Contain("\n"));
    }

    [TestCaseSource(nameof(Examples))]
    public void TheOnnxFormGivesTheTrainersOutputsInOnnxRuntime(string example)
    {
        // The layer on iris's 4 standardised features, then a dense output layer and softmax, as export writes a
        // classifier; the graph standardises raw values itself, so it is fed raw = z·scale + mean.
        var random = new Random(13);
        var layer = LayerRegistry.Create(LayerRegistry.Parse(example).Single(), 4, LayerContext<float>.WithChosenGemm(random));
        MoveOffInitialValues(layer, random);
        var network = new Sequential<float>([layer, new Dense<float>(layer.OutputSize, 3, LayerContext<float>.WithChosenGemm(random))]);
        var z = Input(example, Batch, new Random(14));
        var raw = new float[Batch * 4]; // (batch, features) row-major, as ONNX takes it
        var standardised = Matrix<float>.Build.Dense(4, Batch); // (features, batch), as the trainer takes it
        for (int j = 0; j < Batch; j++)
        {
            for (int f = 0; f < 4; f++)
            {
                var feature = IrisPrep.Features[f];
                raw[j * 4 + f] = (float)z[f, j] * feature.Scale + (float)feature.Mean;
                standardised[f, j] = (raw[j * 4 + f] - (float)feature.Mean) / feature.Scale;
            }
        }
        var logits = network.Forward(standardised, training: false); // (3, batch)

        using var temp = new TempFolder();
        string path = temp.File("m.json");
        ModelSerializer.Save(path, ModelSerializer.ToDocument(network, IrisPrep, null, null));
        using var session = new InferenceSession(OnnxExport.ToOnnx(ModelSerializer.Load(path)));
        // One (batch, 1) input per column, named as the column.
        var feeds = IrisPrep.Features.Select((feature, f) => NamedOnnxValue.CreateFromTensor(feature.Name,
            new DenseTensor<float>(Enumerable.Range(0, Batch).Select(j => raw[j * 4 + f]).ToArray(), [Batch, 1]))).ToList();
        using var results = session.Run(feeds);
        float[] onnx = [.. results.Single(r => r.Name == OnnxExport.Probabilities).AsEnumerable<float>()]; // (batch, 3) row-major

        for (int j = 0; j < Batch; j++)
        {
            var column = logits.Column(j).Select(v => (double)v).ToArray();
            double max = column.Max();
            double sum = column.Sum(v => Math.Exp(v - max));
            for (int c = 0; c < 3; c++)
                Assert.That(onnx[j * 3 + c], Is.EqualTo(Math.Exp(column[c] - max) / sum).Within(1e-5), $"sample {j}, class {c}");
        }
    }

    /// <summary>The data-parallel step runs a replica of the network on each worker (Sequential.ReplicaSharingValues):
    /// a layer must read its values through its parameters on every call, so a replica sees the optimizer's updates,
    /// and must accumulate into its own gradients only.</summary>
    [TestCaseSource(nameof(Examples))]
    public void AReplicaSeesTheOriginalsValuesAndKeepsItsOwnGradients(string example)
    {
        var original = new Sequential<double>([Build(example, 15)]);
        var replica = original.ReplicaSharingValues(LayerContext<double>.WithChosenGemm(new Random(16)));
        var input = Input(example, Batch, new Random(17));
        foreach (var parameter in original.Parameters)
            parameter.Value.MapInplace(v => v * 1.5 + 0.125); // as an optimizer step would, after the replica was built

        Assert.That(replica.Forward(input, training: false).AsColumnMajorArray(), Is.EqualTo(original.Forward(input, training: false).AsColumnMajorArray()));
        original.ZeroGradients();
        replica.ZeroGradients();
        replica.Forward(input, training: false);
        replica.Backward(Matrix<double>.Build.Dense(original.OutputSize, Batch, 1.0));
        for (int k = 0; k < original.Parameters.Count; k++)
        {
            Assert.That(original.Parameters[k].Gradients, Is.All.Zero, $"the original's {original.Parameters[k].Name} gradient");
            Assert.That(replica.Parameters[k].Gradients, Is.Not.All.Zero, $"the replica's {replica.Parameters[k].Name} gradient");
        }
    }

    /// <summary>The example layer in double, its parameters moved off their initial values (a zero bias, a uniform
    /// slope) so every gradient path carries distinct values.</summary>
    private static Layer<double> Build(string example, int seed)
    {
        var random = new Random(seed);
        var layer = LayerRegistry.Create<double>(LayerRegistry.Parse(example).Single(), Inputs, LayerContext<double>.WithChosenGemm(random));
        foreach (var parameter in layer.Parameters)
            parameter.Value.MapInplace(v => v + (random.NextDouble() - 0.5) * 0.2);
        foreach (var buffer in layer.Buffers)
            buffer.Value.MapInplace(v => v + random.NextDouble() * 0.5);
        return layer;
    }

    /// <summary>Parameters moved by up to ±0.5 and buffers up by up to 0.5 (a running variance stays positive), so a
    /// round trip or an export that dropped or mixed up a value shows.</summary>
    private static void MoveOffInitialValues(Layer<float> layer, Random random)
    {
        foreach (var parameter in layer.Parameters)
            parameter.Value.MapInplace(v => v + (float)(random.NextDouble() - 0.5));
        foreach (var buffer in layer.Buffers)
            buffer.Value.MapInplace(v => v + (float)(random.NextDouble() * 0.5));
    }

    /// <summary>(Inputs, batch) values in ±[0.05, 1), each at least 0.05 away from 0 and from every number in the
    /// spec: piecewise layers have their kinks at 0 or at a threshold they take as an argument.</summary>
    private static Matrix<double> Input(string example, int batch, Random random)
    {
        double[] kinks = [0, .. LayerRegistry.Parse(example).Single().Arguments.Select(a => double.Parse(a, CultureInfo.InvariantCulture))];
        return Matrix<double>.Build.Dense(Inputs, batch, (_, _) =>
        {
            double value;
            do
                value = (random.Next(2) == 0 ? -1 : 1) * (0.05 + random.NextDouble() * 0.95);
            while (kinks.Any(kink => Math.Abs(value - kink) < 0.05));
            return value;
        });
    }
}
