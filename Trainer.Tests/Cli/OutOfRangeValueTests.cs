using System.Globalization;
using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

/// <summary>Values a float can hold that leave the float range once scaled, or whose outputs do: one line naming the
/// cell or the row, exit code 2, never a NaN probability with a confident class.</summary>
public class OutOfRangeValueTests
{
    private TempFolder _temp = null!;
    private string _model = null!;
    private FeatureEncoding _first = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _temp = new TempFolder();
        _model = _temp.File("iris.model.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", _model).ExitCode, Is.Zero);
        _first = ModelSerializer.Load(_model).Preprocessing.Features[0];
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    // iris.csv with its first cell (line 2, column 1) replaced.
    private string IrisWithFirstCell(string value, string name = "big.csv")
    {
        var lines = File.ReadAllLines(RepoPaths.Data("iris.csv"));
        lines[1] = value + lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..];
        return _temp.File(name, string.Join('\n', lines) + "\n");
    }

    private string Expected(string path) => string.Create(CultureInfo.InvariantCulture,
        $"error: {path}:2:1: 3.00000001E+38 in column 'sepal_length' is out of range for the model: scaled as (value - {_first.Mean:G9}) / {_first.Scale:G9} it is beyond the float range (±3.4e38){Environment.NewLine}");

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void AValueThatOverflowsWhenScaledIsNamed(string verb)
    {
        string data = IrisWithFirstCell("3e38");

        var result = CliRun.Of(verb, _model, data);

        Assert.That(result.Error, Is.EqualTo(Expected(data)));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output, Does.Not.Contain("NaN"));
    }

    [Test]
    public void ATestFileValueThatOverflowsWhenScaledIsNamed()
    {
        string test = IrisWithFirstCell("3e38");
        string model = _temp.File("t.json");

        var result = CliRun.Train(RepoPaths.Data("iris.csv"), "--test", test, "--save", model);

        Assert.That(result.Error, Does.EndWith($"{test}:2:1: 3.00000001E+38 in column 'sepal_length' is out of range for the model: scaled as (value - {ModelSerializer.Load(model).Preprocessing.Features[0].Mean.ToString("G9", CultureInfo.InvariantCulture)}) / {ModelSerializer.Load(model).Preprocessing.Features[0].Scale.ToString("G9", CultureInfo.InvariantCulture)} it is beyond the float range (±3.4e38){Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void OutputsThatOverflowGiveNoClass()
    {
        // Finite inputs and finite weights whose products overflow: the scores are not numbers, so no class is given.
        var prep = ModelSerializer.Load(_model).Preprocessing;
        var network = Mlp.Build<float>(4, [5], 3, LayerContext<float>.WithChosenGemm(new Random(3)));
        network.Parameters[0].Value.MapInplace(_ => 3e38f);
        string model = _temp.File("huge.json");
        ModelSerializer.Save(model, ModelSerializer.ToDocument(network, prep, null, null));

        var predict = CliRun.Of("predict", model, RepoPaths.Data("iris.csv"));
        var evaluate = CliRun.Of("evaluate", model, RepoPaths.Data("iris.csv"));

        // Which row overflows first depends on the random second layer; both verbs must name the same one.
        Assert.That(predict.Error, Does.Match($"^error: {System.Text.RegularExpressions.Regex.Escape(RepoPaths.Data("iris.csv"))}: data row [0-9]+: the model's outputs for it are not finite \\(its inputs are far outside the training data\\), so no prediction is made\n$"));
        Assert.That(predict.ExitCode, Is.EqualTo(2));
        Assert.That(evaluate.Error, Is.EqualTo(predict.Error));
        Assert.That(evaluate.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void AScaleBelowTheSmallestNormalFloatIsDamage()
    {
        var json = JsonNode.Parse(File.ReadAllText(_model))!;
        json["preprocessing"]!["features"]![0]!["scale"] = 1e-40;
        json.AsObject().Remove("document_sha256");
        string path = _temp.File("tiny.json", json.ToJsonString());
        var document = ModelSerializer.Parse(path, File.ReadAllBytes(path));
        File.WriteAllText(path, "");
        using (var file = File.OpenWrite(path))
            ModelSerializer.Write(file, document with { DocumentSha256 = ModelSerializer.DocumentSha256(document) });

        var result = CliRun.Of("evaluate", path, RepoPaths.Data("iris.csv"));

        Assert.That(result.Error, Is.EqualTo($"error: {path}: damaged model file: feature 'sepal_length': its mean must be finite and its scale finite and at least 1.17549435E-38 (mean {_first.Mean}, scale 1E-40){Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void AHugeRegressionTargetIsNamedNotDiverged(int seed)
    {
        // Wherever the split puts the row (training or validation), the row is named, exit 2, not exit 3 "diverged".
        var lines = File.ReadAllLines(RepoPaths.Data("diabetes.csv"));
        lines[5] = lines[5][..(lines[5].LastIndexOf(',') + 1)] + "3e38";
        string data = _temp.File($"diabetes-{seed}.csv", string.Join('\n', lines) + "\n");
        int column = lines[0].Split(',').Length;

        var result = CliRun.Of(data, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--epochs", "1", "--blas", "managed", "--save", _temp.File("y.json"));

        Assert.That(result.Error, Is.EqualTo($"error: {data}:6:{column}: '3e38' in target column 'progression' is too large: a regression target must be within ±1.8e19, so that its square is a finite float{Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void AValidationTargetFarFromTheTrainingTargetsIsNamed()
    {
        // Targets of spread 1e-3 and one of 1e18: once standardised it is 1e21, whose square no float holds.
        var rows = Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{(i % 2) * 0.001}")).ToList();
        string data = _temp.File("far.csv", "x,y\n" + string.Join('\n', rows) + "\n");
        var split = PreparedData.Load(data, null, TaskKind.Regression, 0.2, new Random(1));
        Assert.That(split.Preprocessing.TargetScales[0], Is.LessThan(1e-2f));
        string test = _temp.File("far-test.csv", "x,y\n1,1e18\n");

        var result = CliRun.Train(data, "--task", "regression", "--test", test);

        Assert.That(result.Error, Does.StartWith($"error: {test}:2:2: '1e18' in target column 'y' is ").And.EndWith($"; the squared-error loss cannot hold it (at most 1E+15){Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }
}
