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
/// Every registered layer's PyTorch form (<see cref="Layer{T}.ToTorch"/>) computes what the layer computes, so that
/// PyTorch can go on training the model: the layer on iris's 4 features, then a dense output layer, exported; on the
/// same rows PyTorch gives the trainer's probabilities and, after loss_function() and backward(), the trainer's
/// gradient of every parameter, under the trainer's names (a nested layer's too), and the trainer's buffers. Layers
/// holding layers are also checked nested in each other, and batchnorm in training mode too, where it uses and
/// records the batch's statistics. One Python process per case.
/// </summary>
public sealed class TorchLayerTests
{
    private const int Batch = 9;

    // argv[3] is the mode: "training" runs the module in training mode (batchnorm on the batch's statistics), anything
    // else in eval mode through the module's predict. A buffer torch keeps and the trainer has not is left out.
    private const string Script = TorchPython.ImportExported + "\n" + """
        with open(sys.argv[2], newline="", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        training = sys.argv[3] == "training"
        model = exported.load().train(training)
        outputs = model(exported.encode(rows))
        loss = exported.loss_function()(outputs, exported.targets(rows))
        loss.backward()
        probabilities = torch.softmax(outputs, dim=1) if training else exported.predict(model, rows)[1]
        print(json.dumps({"probabilities": probabilities.flatten().tolist(), "loss": loss.item(),
                          "gradients": {name: p.grad.flatten().tolist() for name, p in model.named_parameters()},
                          "buffers": {name: b.flatten().tolist() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked")}}))
        """;

    private static readonly Preprocessing IrisPrep = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1)).Preprocessing;

    // Each registered layer's example at inference; layers within layers; batchnorm while training, alone and nested.
    public static IEnumerable<TestCaseData> Examples() =>
        LayerRegistry.All.Select(layer => new TestCaseData(layer.Example, false).SetArgDisplayNames(layer.Name))
            .Append(new TestCaseData("residual(dense:4,batchnorm,prelu,dense:4)", false).SetArgDisplayNames("residual nested"))
            .Append(new TestCaseData("ensemble:2(residual(scale,layernorm),periodic:2,0.5,2,dense:3)", false).SetArgDisplayNames("ensemble nested"))
            .Append(new TestCaseData("batchnorm:0.2", true).SetArgDisplayNames("batchnorm training"))
            .Append(new TestCaseData("ensemble:2(residual(batchnorm,dense:4),swish)", true).SetArgDisplayNames("batchnorm nested training"));

    [TestCaseSource(nameof(Examples))]
    public void TheTorchFormGivesTheTrainersProbabilitiesAndGradients(string example, bool training)
    {
        var random = new Random(21);
        var layer = LayerRegistry.Create(LayerRegistry.Parse(example).Single(), 4, LayerContext<float>.WithChosenGemm(random));
        foreach (var parameter in layer.Parameters)
            parameter.Value.MapInplace(v => v + (float)(random.NextDouble() - 0.5));
        foreach (var buffer in layer.Buffers) // upwards: a running variance stays positive
            buffer.Value.MapInplace(v => v + (float)random.NextDouble());
        var network = new Sequential<float>([layer, new Dense<float>(layer.OutputSize, 3, LayerContext<float>.WithChosenGemm(random))]);
        var (raw, labels) = Rows(new Random(22));
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        ModelSerializer.Save(model, ModelSerializer.ToDocument(network, IrisPrep, null, null)); // before the forward changes the buffers

        // The trainer: standardise, forward (at inference, dropout off, as load() leaves the module), loss, backward.
        var x = Matrix<float>.Build.Dense(4, Batch, (f, j) => (float)((raw[j, f] - IrisPrep.Features[f].Mean) / IrisPrep.Features[f].Scale));
        var targets = Matrix<float>.Build.Dense(3, Batch, (k, j) => labels[j] == k ? 1 : 0);
        var loss = new SoftmaxCrossEntropy<float>(3);
        network.ZeroGradients();
        float trainerLoss = loss.Forward(network.Forward(x, training), targets);
        var probabilities = loss.Probabilities.Clone(); // (3, batch)
        network.Backward(loss.Backward(), inputGradientNeeded: false);

        string weights = temp.File("m.safetensors");
        TorchExport.Save(weights, ModelSerializer.Load(model), "m.json");
        string csv = temp.File("rows.csv", Csv(raw, labels));
        var torch = TorchPython.Run(Script, TorchExport.ModulePath(weights), csv, training ? "training" : "eval");

        Assert.That(torch.GetProperty("loss").GetDouble(), Is.EqualTo(trainerLoss).Within(1e-5));
        float[] torchProbabilities = Floats(torch.GetProperty("probabilities")); // (batch, 3) row-major
        Assert.That(torchProbabilities, Is.EqualTo(probabilities.ToColumnMajorArray()).Within(1e-5)); // (3, batch) column-major is (batch, 3) row-major
        var gradients = torch.GetProperty("gradients").EnumerateObject().ToArray();
        var buffers = torch.GetProperty("buffers").EnumerateObject().ToArray();
        var named = network.NamedParameters.ToArray();
        // The state dict's names are the trainer's, but for the name a torch module gives its own parameter
        // (nn.PReLU's "weight" is prelu's "slope"): the same modules, nested alike.
        Assert.That(gradients.Select(g => Module(g.Name)), Is.EqualTo(named.Select(p => Module(p.Name))));
        Assert.That(buffers.Select(b => b.Name), Is.EqualTo(network.NamedBuffers.Select(b => b.Name)));
        Assert.That(TorchExport.Build(network).Tensors.Select(t => t.Name), Is.EquivalentTo(gradients.Concat(buffers).Select(t => t.Name)));
        for (int i = 0; i < gradients.Length; i++)
        {
            float[] expected = named[i].Parameter.Gradient.ToRowMajorArray();
            double size = Math.Max(expected.Max(v => Math.Abs(v)), 1e-3);
            Assert.That(Floats(gradients[i].Value), Is.EqualTo(expected).Within(1e-5 * size), $"{gradients[i].Name} ({named[i].Name})");
        }
        for (int i = 0; i < buffers.Length; i++)
            Assert.That(Floats(buffers[i].Value), Is.EqualTo(network.Buffers[i].Value.ToRowMajorArray()).Within(1e-5), buffers[i].Name);
    }

    // "0.1.weight" → "0.1": the module a state-dict entry belongs to.
    private static string Module(string name) => name[..Math.Max(name.LastIndexOf('.'), 0)];

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
