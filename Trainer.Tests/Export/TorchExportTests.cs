using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Export;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary><c>export MODEL --format safetensors OUT</c>: the weights and the generated module, loaded in PyTorch
/// (python3-torch), give what predict gives, ≤ 1e-5, and the loss the trainer's evaluate prints.</summary>
public class TorchExportTests
{
    // predict with the exported module, then (when the file has the targets) the loss of the trained model on it.
    private const string PredictScript = TorchPython.ImportExported + "\n" + """
        with open(sys.argv[2], newline="", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        model = exported.load()
        answer = exported.predict(model, rows)
        labels, values = answer if exported.TASK == "classification" else (None, answer)
        result = {"labels": labels, "values": values.flatten().tolist(), "training": model.training}
        if all(name in rows[0] for name in exported.TARGET_NAMES):
            with torch.no_grad():
                result["loss"] = exported.loss_function()(model(exported.encode(rows)), exported.targets(rows)).item()
        print(json.dumps(result))
        """;

    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    [Test]
    public void IrisMatchesPredictAndEvaluatesToTheSameLoss()
    {
        string model = Train(RepoPaths.Data("iris.csv"));

        var torch = AssertParity(model, RepoPaths.Data("iris.csv"));

        Assert.That(torch.GetProperty("training").GetBoolean(), Is.False, "load() gives the model in eval mode");
        Assert.That(torch.GetProperty("loss").GetDouble(), Is.EqualTo(EvaluatedLoss(model, RepoPaths.Data("iris.csv"))).Within(1e-4));
    }

    [Test]
    public void ARegressionTableMatchesPredictInTargetUnitsAndEvaluatesToTheSameLoss()
    {
        string model = Train(RepoPaths.Data("diabetes.csv"));
        Assert.That(ModelSerializer.Load(model).Preprocessing.Task, Is.EqualTo(TaskKind.Regression));

        var torch = AssertParity(model, RepoPaths.Data("diabetes.csv"));

        // evaluate prints the mean squared error of the standardised targets, the loss the module trains with.
        Assert.That(torch.GetProperty("loss").GetDouble(), Is.EqualTo(EvaluatedLoss(model, RepoPaths.Data("diabetes.csv"))).Within(1e-4));
    }

    [Test]
    public void EveryRegisteredLayerInOneNetworkMatchesPredict()
    {
        // Each registered layer's example after a dense layer, so a new layer is exported here without a new test.
        string layers = string.Join(',', LayerRegistry.All.Where(l => l.Name != LayerRegistry.OutputLayer).Select(l => $"dense:8,{l.Example}")) + ",dense";
        string model = Train(RepoPaths.Data("iris.csv"), "--layers", layers);

        AssertParity(model, RepoPaths.Data("iris.csv"));
    }

    [Test]
    public void TextCategoriesIdsAndFilledGapsMatchPredict()
    {
        string data = _temp.File("passengers.csv", TabularFiles.Passengers(300, seed: 3));
        string model = Train(data, "--missing", "median");
        var prep = ModelSerializer.Load(model).Preprocessing;
        Assert.That(prep.Features.Where(f => f.IsCategorical).Select(f => f.Name), Is.EqualTo(new[] { "Sex", "Embarked", "Cabin" }));
        Assert.That(prep.Features.Count(f => f.Fill is not null), Is.EqualTo(4));

        AssertParity(model, data);
    }

    [Test]
    public void OutliersClampedToTheInputClipMatchPredict()
    {
        string data = _temp.File("outliers.csv", TabularFiles.WithOutliers(300, seed: 5));
        string model = Train(data);

        AssertParity(model, data);
    }

    [Test]
    public void TheWeightsAreSafetensorsNamedAsTheStateDict()
    {
        string model = Train(RepoPaths.Data("iris.csv"), "--hidden", "5");
        string weights = _temp.File("iris.safetensors");
        Assert.That(CliRun.Of("export", model, "--format", "safetensors", weights).ExitCode, Is.Zero);

        byte[] file = File.ReadAllBytes(weights);
        long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.That(length % 8, Is.Zero, "the header is padded so that the data is aligned");
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)length));
        var tensors = header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__").ToArray();
        Assert.That(tensors.Select(t => t.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }));
        Assert.That(tensors.Select(t => string.Join('x', t.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()))), Is.EqualTo(new[] { "5x4", "5", "3x5", "3" }));
        Assert.That(tensors.Select(t => t.Value.GetProperty("dtype").GetString()), Has.All.EqualTo("F32"));
        // Back to back from offset 0 to the end of the file, as the format requires.
        var offsets = tensors.Select(t => t.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray()).ToArray();
        Assert.That(offsets.Select(o => o[0]), Is.EqualTo(new long[] { 0, 80, 100, 160 }));
        Assert.That(offsets[^1][1], Is.EqualTo(file.Length - 8 - length));
        var saved = ModelSerializer.Load(model);
        var dense = (Dense<float>)saved.Network.Layers[0];
        Assert.That(BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(8 + (int)length + 4)), Is.EqualTo(dense.Weight[0, 1]), "row-major: the second value is W[0, 1]");
        Assert.That(header.RootElement.GetProperty("__metadata__").GetProperty("weights_sha256").GetString(), Is.EqualTo(saved.WeightsSha256));
    }

    [Test]
    public void TheExportLineNamesBothFilesAndTheModuleIsBesideTheWeights()
    {
        string model = Train(RepoPaths.Data("iris.csv"));
        string weights = Path.Combine(_temp.Path, "iris.safetensors");

        var export = CliRun.Of("export", model, "--format", "safetensors", weights);

        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        string module = Path.Combine(_temp.Path, "iris.py");
        Assert.That(export.Output, Does.StartWith($"exported ensemble:5(dense:256,relu,dense:128,relu,dense:3) to {weights} (weights, safetensors) and {module} (PyTorch: build(), load()"));
        Assert.That(module, Does.Exist);
        Assert.That(File.ReadAllText(module), Does.Contain("WEIGHTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), \"iris.safetensors\")"));
    }

    [Test]
    public void NamesAndCategoriesOfAnyTextAreEscapedIntoAnAsciiModule()
    {
        var random = new Random(4);
        string[] kinds = ["café", "a\"b\\c", "日本", "🙂"];
        var rows = Enumerable.Range(0, 160).Select(_ => (X: random.NextDouble() - 0.5, K: kinds[random.Next(kinds.Length)]))
            .Select(r => FormattableString.Invariant($"{r.X:0.###},\"{r.K.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{(r.X > 0 ? "up" : "down")}"));
        string data = _temp.File("odd.csv", "\"x \"\"quoted\"\"\",kind é,y\n" + string.Join("\n", rows) + "\n");
        string model = Train(data);

        AssertParity(model, data);

        Assert.That(File.ReadAllBytes(Path.Combine(_temp.Path, "parity.py")), Has.All.LessThan(128));
    }

    [Test]
    public void FormatIsOnnxOrSafetensors()
    {
        string model = Train(RepoPaths.Data("iris.csv"));

        var result = CliRun.Of("export", model, "--format", "torch", _temp.File("m.pt"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Does.StartWith("error: --format: Argument 'torch' not recognized. Must be one of: 'onnx' 'safetensors'"));
    }

    [Test]
    public void WeightsNamedAsThePythonModuleAreRefusedInOneLine()
    {
        string model = Train(RepoPaths.Data("iris.csv"));

        var result = CliRun.Of("export", model, "--format", "safetensors", _temp.File("m.py"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error.TrimEnd('\n'), Does.StartWith($"error: OUT {_temp.File("m.py")}: the weights cannot be a .py file").And.Not.Contain("\n"));
        Assert.That(_temp.File("m.py"), Does.Not.Exist);
    }

    [Test]
    public void ALayerWithoutAPyTorchFormIsNamedInOneLine()
    {
        var saved = ModelSerializer.Load(Train(RepoPaths.Data("iris.csv"), "--layers", "dense:8,relu,dense"));
        var network = new Sequential<float>([saved.Network.Layers[0], new Cube(8), saved.Network.Layers[2]]);

        var e = Assert.Throws<InputException>(() => TorchExport.Build(network));

        Assert.That(e!.Message, Is.EqualTo($"layer 1 (cube) has no PyTorch export; exportable layers are {LayerRegistry.TorchNames}"));
        Assert.That(LayerRegistry.TorchNames.Split(", "), Is.EqualTo(LayerRegistry.All.Select(l => l.Name)), "every registered layer has a PyTorch form");
    }

    private string Train(string data, params string[] options)
    {
        string model = _temp.File("m.json");
        var result = CliRun.Of([data, "--epochs", "8", "--save", model, .. options]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return model;
    }

    /// <summary>Exports the model, runs predict and the module's predict on <paramref name="data"/>: the same labels,
    /// probabilities within 1e-5 absolutely, values in target units within 1e-5 of max(|value|, the target's standard
    /// deviation) (see <see cref="OnnxParity.WorstDifference"/>). Returns what the script printed.</summary>
    private JsonElement AssertParity(string model, string data)
    {
        string weights = _temp.File("parity.safetensors");
        var export = CliRun.Of("export", model, "--format", "safetensors", weights);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        string predictions = _temp.File("parity-predictions.csv");
        var predict = CliRun.Of("predict", model, data, "--out", predictions);
        Assert.That(predict.ExitCode, Is.Zero, predict.ToString());
        var prep = ModelSerializer.Load(model).Preprocessing;
        var expected = ReadPredictions(predictions, prep);

        var torch = TorchPython.Run(PredictScript, TorchExport.ModulePath(weights), data);

        float[] values = [.. torch.GetProperty("values").EnumerateArray().Select(v => v.GetSingle())];
        Assert.That(values, Has.Length.EqualTo(expected.Values.Length));
        if (expected.Labels is not null)
            Assert.That(torch.GetProperty("labels").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(expected.Labels));
        Assert.That(OnnxParity.WorstDifference(expected.Values, values, prep), Is.LessThanOrEqualTo(1e-5));
        return torch;
    }

    // predict's CSV: [IDs], the class (or the targets' values), p_CLASS…; class and column names may hold commas and
    // quotes here, so the fields are split as RFC 4180 quotes them (no line breaks inside a field in these files).
    private static Scores ReadPredictions(string path, Preprocessing prep)
    {
        var lines = File.ReadAllLines(path).Select(Fields).ToArray();
        bool classification = prep.Task == TaskKind.Classification;
        string[] valueColumns = classification ? [.. prep.ClassNames.Select(c => $"p_{c}")] : prep.TargetNames;
        int[] indexes = [.. valueColumns.Select(name => Array.IndexOf(lines[0], name))];
        Assert.That(indexes, Has.None.Negative, string.Join(',', lines[0]));
        var rows = lines.Skip(1).ToArray();
        float[] values = [.. rows.SelectMany(row => indexes.Select(i => float.Parse(row[i], System.Globalization.CultureInfo.InvariantCulture)))];
        int label = Array.IndexOf(lines[0], prep.TargetNames[0]);
        return new Scores(classification ? [.. rows.Select(row => row[label])] : null, values);
    }

    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                field.Append(line[++i]);
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    private double EvaluatedLoss(string model, string data)
    {
        var evaluate = CliRun.Of("evaluate", model, data);
        Assert.That(evaluate.ExitCode, Is.Zero, evaluate.ToString());
        var loss = System.Text.RegularExpressions.Regex.Match(evaluate.Output, @"\bloss (?<loss>[\d.]+)");
        Assert.That(loss.Success, Is.True, evaluate.Output);
        return double.Parse(loss.Groups["loss"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
