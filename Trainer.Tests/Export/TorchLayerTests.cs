using System.Globalization;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Export;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary>
/// Every registered layer's PyTorch form (<see cref="ITorchLayer"/>) computes what the layer computes, so that
/// PyTorch can go on training the model: the layer on iris's 4 features, then a dense output layer, exported; on the
/// same rows PyTorch gives the trainer's probabilities and, after loss_function() and backward(), the trainer's
/// gradient of every parameter. One Python process per layer.
/// </summary>
public sealed class TorchLayerTests
{
    private const int Batch = 9;

    private const string Script = TorchPython.ImportExported + "\n" + """
        with open(sys.argv[2], newline="", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        model = exported.load()
        loss = exported.loss_function()(model(exported.encode(rows)), exported.targets(rows))
        loss.backward()
        _, probabilities = exported.predict(model, rows)
        print(json.dumps({"probabilities": probabilities.flatten().tolist(), "loss": loss.item(),
                          "gradients": {name: p.grad.flatten().tolist() for name, p in model.named_parameters()}}))
        """;

    private static readonly Preprocessing IrisPrep = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1)).Preprocessing;

    public static IEnumerable<TestCaseData> Examples() =>
        LayerRegistry.All.Select(layer => new TestCaseData(layer.Example).SetArgDisplayNames(layer.Name));

    [TestCaseSource(nameof(Examples))]
    public void TheTorchFormGivesTheTrainersProbabilitiesAndGradients(string example)
    {
        var random = new Random(21);
        var layer = LayerRegistry.Create(LayerRegistry.Parse(example).Single(), 4, LayerContext<float>.WithChosenGemm(random));
        Assert.That(layer, Is.InstanceOf<ITorchLayer>(), "every shipped layer has a PyTorch form: implement ITorchLayer in the layer's file");
        foreach (var parameter in layer.Parameters)
            parameter.Value.MapInplace(v => v + (float)(random.NextDouble() - 0.5));
        var network = new Sequential<float>([layer, new Dense<float>(layer.OutputSize, 3, LayerContext<float>.WithChosenGemm(random))]);
        var (raw, labels) = Rows(new Random(22));

        // The trainer: standardise, forward at inference (dropout off, as load() leaves the module), loss, backward.
        var x = Matrix<float>.Build.Dense(4, Batch, (f, j) => (float)((raw[j, f] - IrisPrep.Features[f].Mean) / IrisPrep.Features[f].Scale));
        var targets = Matrix<float>.Build.Dense(3, Batch, (k, j) => labels[j] == k ? 1 : 0);
        var loss = new SoftmaxCrossEntropy<float>(3);
        network.ZeroGradients();
        float trainerLoss = loss.Forward(network.Forward(x, training: false), targets);
        var probabilities = loss.Probabilities.Clone(); // (3, batch)
        network.Backward(loss.Backward(), inputGradientNeeded: false);

        using var temp = new TempFolder();
        string model = temp.File("m.json");
        ModelSerializer.Save(model, ModelSerializer.ToDocument(network, IrisPrep, null, null));
        string weights = temp.File("m.safetensors");
        TorchExport.Save(weights, ModelSerializer.Load(model), "m.json");
        string csv = temp.File("rows.csv", Csv(raw, labels));
        var torch = TorchPython.Run(Script, TorchExport.ModulePath(weights), csv);

        Assert.That(torch.GetProperty("loss").GetDouble(), Is.EqualTo(trainerLoss).Within(1e-5));
        float[] torchProbabilities = Floats(torch.GetProperty("probabilities")); // (batch, 3) row-major
        Assert.That(torchProbabilities, Is.EqualTo(probabilities.ToColumnMajorArray()).Within(1e-5)); // (3, batch) column-major is (batch, 3) row-major
        var gradients = torch.GetProperty("gradients").EnumerateObject().ToArray();
        Assert.That(gradients.Select(g => g.Name), Is.EqualTo(TorchExport.Build(network).Tensors.Select(t => t.Name)));
        Assert.That(gradients, Has.Length.EqualTo(network.Parameters.Count));
        for (int i = 0; i < gradients.Length; i++)
        {
            float[] expected = network.Parameters[i].Gradient.ToRowMajorArray();
            double size = Math.Max(expected.Max(v => Math.Abs(v)), 1e-3);
            Assert.That(Floats(gradients[i].Value), Is.EqualTo(expected).Within(1e-5 * size), $"{gradients[i].Name} ({network.Parameters[i].Name})");
        }
    }

    /// <summary>Raw iris-like rows, (batch, 4), and a class per row.</summary>
    private static (float[,] Raw, int[] Labels) Rows(Random random)
    {
        var raw = new float[Batch, 4];
        for (int j = 0; j < Batch; j++)
        {
            for (int f = 0; f < 4; f++)
                raw[j, f] = (float)(random.NextDouble() * 2 - 1) * 1.5f * IrisPrep.Features[f].Scale + (float)IrisPrep.Features[f].Mean;
        }
        return (raw, [.. Enumerable.Range(0, Batch).Select(j => j % 3)]);
    }

    private static string Csv(float[,] raw, int[] labels)
    {
        var text = new StringBuilder(string.Join(',', IrisPrep.FeatureNames.Append(IrisPrep.TargetNames[0]))).Append('\n');
        for (int j = 0; j < Batch; j++)
        {
            for (int f = 0; f < 4; f++)
                text.Append(raw[j, f].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            text.Append(IrisPrep.ClassNames[labels[j]]).Append('\n');
        }
        return text.ToString();
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];
}
