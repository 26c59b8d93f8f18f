using NeuralNet.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary>Issue 20's check, through the command line: a network with a stateful layer and a layer holding layers
/// trains, saves, predicts and exports, and ONNX Runtime gives predict's answers.</summary>
public class NestedLayersCommandTests
{
    private readonly TempFolder _temp = new();

    [OneTimeTearDown]
    public void Cleanup() => _temp.Dispose();

    [TestCase("dense:32,batchnorm,relu,residual(dense:32,relu),dense", "dense:32,batchnorm:0.1,relu,residual(dense:32,relu),dense:3")]
    [TestCase("scale,periodic:8,0.1,4,layernorm,ensemble:3(dense:16,relu,dense)", "scale,periodic:8,0.1,4,layernorm,ensemble:3(dense:16,relu,dense:3)")]
    public void ItTrainsSavesPredictsAndExportsAndOnnxRuntimeMatchesPredict(string layers, string saved)
    {
        string model = _temp.File("nested.json");
        var train = CliRun.Of(RepoPaths.Data("iris.csv"), "--layers", layers, "--epochs", "30", "--save", model);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        Assert.That(train.Output, Does.Contain("val_acc"));

        var loaded = ModelSerializer.Load(model);
        Assert.That(loaded.Network.Spec, Is.EqualTo(saved), "defaults written out; the output layer sized from the data");
        var (predict, onnx) = OnnxParity.Both(_temp, model, RepoPaths.Data("iris.csv"));

        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(OnnxParity.WorstDifference(predict.Values, onnx.Values, loaded.Preprocessing), Is.LessThanOrEqualTo(1e-5));
    }

    [Test]
    public void ABatchnormModelSavesItsRunningStatistics()
    {
        string model = _temp.File("batchnorm.json");
        var train = CliRun.Of(RepoPaths.Data("iris.csv"), "--layers", "dense:8,batchnorm,relu", "--epochs", "3", "--save", model);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());

        var batchnorm = ModelSerializer.Load(model).Network.Layers[1];
        Assert.That(batchnorm.NamedBuffers.Select(b => b.Name), Is.EqualTo(new[] { "running_mean", "running_var" }));
        Assert.That(batchnorm.Buffers[0].Values, Has.Some.Not.EqualTo(0f), "training recorded the running mean");
    }

    [Test]
    public void AModelFileFromBeforeNestingPredictsWhatItPredictedThen()
    {
        // Rows 1, 2, 51, 149 and 150 of iris, as predict printed them with the build before layers could nest (6331f01).
        string[] then = [
            "species,p_setosa,p_versicolor,p_virginica",
            "versicolor,0.35437855,0.6051454,0.040476035",
            "versicolor,0.3674848,0.5534512,0.079064034",
            "virginica,0.037575353,0.11878792,0.8436367",
            "virginica,0.034863077,0.1834596,0.78167737",
            "virginica,0.110625304,0.3038724,0.5855023"];
        string old = Path.Combine(RepoPaths.Root, "Trainer.Tests", "Models", "Fixtures", "iris-format3-e7101ba.model.json");
        string output = _temp.File("old-predictions.csv");

        var predict = CliRun.Of("predict", old, RepoPaths.Data("iris.csv"), "--out", output);

        Assert.That(predict.ExitCode, Is.Zero, predict.ToString());
        string[] now = File.ReadAllLines(output);
        Assert.That((string[])[now[0], now[1], now[2], now[51], now[149], now[150]], Is.EqualTo(then));
    }

    [TestCase("ensemble:2(dense:8,relu,dense)", "ensemble:2( dense:8, relu, dense )")]
    [TestCase("dense:8,batchnorm,relu,dense", "dense:8,batchnorm:0.10,relu,dense:3")]
    public void ResumingTakesTheSameLayersWrittenAnotherWayAndRefusesOthers(string layers, string sameLayers)
    {
        string model = _temp.File("resumable.json");
        Assert.That(CliRun.Of(RepoPaths.Data("iris.csv"), "--layers", layers, "--epochs", "2", "--save", model).ExitCode, Is.Zero);
        var before = ModelSerializer.Load(model).Network;

        var resumed = CliRun.Of(RepoPaths.Data("iris.csv"), "--resume", model, "--layers", sameLayers, "--epochs", "1", "--save", _temp.File("resumed.json"));
        var other = CliRun.Of(RepoPaths.Data("iris.csv"), "--resume", model, "--layers", "dense:8,relu", "--epochs", "1");

        Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
        Assert.That(ModelSerializer.Load(_temp.File("resumed.json")).Network.Spec, Is.EqualTo(before.Spec));
        Assert.That(other.ExitCode, Is.EqualTo(2));
        Assert.That(other.Error, Does.Contain("contradicts the resumed model"));
    }

    [TestCase("dense:32,residual(dense:32,relu", "the '(' after 'residual' is never closed at character 18 of 'dense:32,residual(dense:32,relu'")]
    [TestCase("dense:32,relu),dense", "')' closes no '(' at character 14")]
    [TestCase("dense:32,residual(dense:16,relu),dense", "layer 'residual(dense:16,relu)': its inner layers give 16 values but take 32")]
    public void ABadNestedSpecIsOneLineAndExitCode2(string layers, string expected)
    {
        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--layers", layers, "--epochs", "1");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1).And.One.Contains(expected));
    }
}
