using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

public class LayersOptionTests
{
    [Test]
    public void LayersAndAdamTrainAndTheModelFileRebuildsTheNetwork()
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");

        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--layers", "dense:16,leaky_relu:0.1,dropout:0.1,prelu,dense",
            "--optimizer", "adam", "--lr", "0.01", "--epochs", "3", "--save", model);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("4 → dense 16 → leaky_relu:0.1 → dropout:0.1 → prelu → dense 3").And.Contain("optimizer: Adam lr 0.01"));
        var saved = ModelSerializer.Load(model);
        Assert.That(saved.Network.Spec, Is.EqualTo("dense:16,leaky_relu:0.1,dropout:0.1,prelu,dense:3"));
        Assert.That(saved.Run!.Layers, Is.EqualTo("dense:16,leaky_relu:0.1,dropout:0.1,prelu,dense:3"), "the network as trained, output size included");
        Assert.That(saved.Run.Optimizer, Is.EqualTo("adam"));
    }

    [TestCase("--layers and --hidden both describe the network", "--layers", "dense:8,dense", "--hidden", "8")]
    [TestCase("unknown layer 'swoosh'", "--layers", "dense:8,swoosh")]
    [TestCase("the slope a must be a number from -1e6 to 1e6, not 'abc'", "--layers", "leaky_relu:abc")]
    [TestCase("layer 'leaky_relu:1e39': the slope a must be a number from -1e6 to 1e6, not '1e39'", "--layers", "leaky_relu:1e39")]
    [TestCase("layer 'generalized_relu:NaN': the threshold t must be a number from -1e6 to 1e6, not 'NaN'", "--layers", "generalized_relu:NaN")]
    [TestCase("rmsprop", "--optimizer", "rmsprop")]
    public void ABadNetworkOrOptimizerIsOneLineAndExitCode2(string expected, params string[] options)
    {
        var result = CliRun.Of([RepoPaths.Data("iris.csv"), "--epochs", "1", .. options]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error.TrimEnd(), Does.StartWith("error:").And.Contain(expected).And.Not.Contain("\n"));
    }

    [Test]
    public void HelpListsEveryRegisteredLayerAndOptimizer()
    {
        var result = CliRun.Of("train", "--help");

        Assert.That(result.Output, Does.Contain("--layers").And.Contain("--optimizer"));
        foreach (var layer in NeuralNet.Layers.LayerRegistry.All)
            Assert.That(result.Output, Does.Contain(layer.Name), layer.Name);
    }
}
