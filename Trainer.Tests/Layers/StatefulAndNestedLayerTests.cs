using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Reporting;
using NeuralNet.Tests.Cli;
using NeuralNet.Training;

namespace NeuralNet.Tests.Layers;

/// <summary>What the contract tests cannot say for every layer: buffers are state that training records and the
/// optimizer never touches, layers that hold layers build, name and average their children as written, and the
/// output layer may be the last of an ensemble's members.</summary>
public class StatefulAndNestedLayerTests
{
    private static LayerContext<double> Context(int seed) => LayerContext<double>.WithChosenGemm(new Random(seed));

    private static Layer<double> Create(string spec, int inputs, int seed = 1) =>
        LayerRegistry.Create(LayerRegistry.Parse(spec).Single(), inputs, Context(seed));

    [Test]
    public void BatchnormNormalisesByTheBatchAndRecordsRunningStatisticsAsPyTorchDoes()
    {
        var batchnorm = Create("batchnorm", 2);
        // Feature 0 is 1, 2, 3, 6 (mean 3, biased variance 3.5, unbiased 14/3); feature 1 is 10 throughout.
        var x = Matrix<double>.Build.DenseOfColumnMajor(2, 4, [1, 10, 2, 10, 3, 10, 6, 10]);

        var y = batchnorm.Forward(x, training: true);

        Assert.That(y.Row(0).ToArray(), Is.EqualTo(new[] { -2, -1, 0, 3 }.Select(d => d / Math.Sqrt(3.5 + 1e-5))).Within(1e-12));
        Assert.That(y.Row(1).ToArray(), Is.All.EqualTo(0.0));
        var (mean, variance) = (batchnorm.Buffers[0], batchnorm.Buffers[1]);
        Assert.That((mean.Name, variance.Name), Is.EqualTo(("running_mean", "running_var")));
        Assert.That(mean.Values, Is.EqualTo(new[] { 0.1 * 3, 0.1 * 10 }).Within(1e-12), "(1 - 0.1)·0 + 0.1·μ");
        Assert.That(variance.Values, Is.EqualTo(new[] { 0.9 + 0.1 * 14 / 3.0, 0.9 }).Within(1e-12), "(1 - 0.1)·1 + 0.1·unbiased σ²");

        var evaluated = batchnorm.Forward(x, training: false);
        Assert.That(evaluated[0, 3], Is.EqualTo((6 - 0.3) / Math.Sqrt(0.9 + 1.4 / 3 * 1 + 1e-5)).Within(1e-12), "evaluation uses the running statistics");
        Assert.That(mean.Values, Is.EqualTo(new[] { 0.3, 1.0 }).Within(1e-12), "an evaluation forward records nothing");
    }

    [Test]
    public void BuffersAreNotParametersSoNoOptimizerStepsOrDecaysThem()
    {
        var network = LayerRegistry.Build<float>(LayerRegistry.Parse("dense:6,batchnorm,relu"), 4, 3, LayerContext<float>.WithChosenGemm(new Random(3)));
        var data = new Dataset(4, 3, [.. Enumerable.Range(0, 4 * 8).Select(i => (float)Math.Sin(i))], [.. Enumerable.Range(0, 3 * 8).Select(i => i % 3 == 0 ? 1f : 0f)], [.. Enumerable.Repeat(0, 8)]);
        var x = Matrix<float>.Build.DenseOfColumnMajor(4, 8, [.. Enumerable.Range(0, 4 * 8).Select(i => (float)Math.Sin(i))]);
        var hidden = network.Layers[0].Forward(x, training: false); // dense 6: the same in either mode
        float[] expectedMean = [.. Enumerable.Range(0, 6).Select(i => 0.1f * hidden.Row(i).Average())];
        var loop = new TrainingLoop(network, new NeuralNet.Losses.SoftmaxCrossEntropy<float>(3),
            NeuralNet.Optimizers.OptimizerRegistry.Create<float>("adamw", new NeuralNet.Optimizers.OptimizerSettings(0.1, WeightDecay: 10)), 8, new Random(1));

        loop.Step(data, [.. Enumerable.Range(0, 8)]);

        Assert.That(network.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "weight", "bias", "weight", "bias", "weight", "bias" }), "dense's, batchnorm's scale and shift, the output layer's");
        Assert.That(network.Buffers[0].Values, Is.EqualTo(expectedMean).Within(1e-6), "the forward's running mean, not decayed by AdamW");
    }

    [Test]
    public void TheBestEpochsSnapshotPutsTheBuffersBack()
    {
        var network = LayerRegistry.Build<float>(LayerRegistry.Parse("batchnorm"), 3, 2, LayerContext<float>.WithChosenGemm(new Random(4)));
        var best = new BestWeights(network);
        best.Offer(1, 0.5);
        network.Buffers[0].Values[1] = 42;

        best.Restore();

        Assert.That(network.Buffers[0].Values, Is.All.EqualTo(0f));
    }

    [Test]
    public void AnEditedBufferInAModelFileIsRefusedByTheWeightsHash()
    {
        var network = LayerRegistry.Build<float>(LayerRegistry.Parse("dense:5,batchnorm,relu"), 4, 3, LayerContext<float>.WithChosenGemm(new Random(5)));
        var prep = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1)).Preprocessing;
        var document = ModelSerializer.ToDocument(network, prep, null, null);
        var edited = document.Architecture[1] with { Buffers = new Dictionary<string, float[]> { ["running_mean"] = [0, 0, 0, 0, 1], ["running_var"] = [1, 1, 1, 1, 1] } };
        var tampered = document with { Architecture = [.. document.Architecture.Select((layer, i) => i == 1 ? edited : layer)] };
        tampered = tampered with { DocumentSha256 = ModelSerializer.DocumentSha256(tampered) }; // a consistent document: only the weights hash can tell
        using var temp = new TempFolder();
        ModelSerializer.Save(temp.File("good.json"), document);
        ModelSerializer.Save(temp.File("edited.json"), tampered);

        Assert.That(ModelSerializer.Load(temp.File("good.json")).WeightsSha256, Is.EqualTo(WeightsHash.Sha256(network.Parameters, network.Buffers))
            .And.Not.EqualTo(WeightsHash.Sha256(network.Parameters)), "the hash covers the buffers");
        Assert.That(() => ModelSerializer.Load(temp.File("edited.json")),
            Throws.TypeOf<InputException>().With.Message.Contains("the weights do not match weights_sha256"));
    }

    [Test]
    public void AnEnsembleAveragesIndependentlyInitialisedMembers()
    {
        var ensemble = Create("ensemble:3(dense:4,relu,dense:2)", 5);
        var x = Matrix<double>.Build.Random(5, 6, 7);

        var y = ensemble.Forward(x, training: false).Clone();

        Assert.That(ensemble.Children, Has.Count.EqualTo(3));
        var first = ensemble.Children.Select(member => member.Parameters[0].Values.ToArray()).ToArray();
        Assert.That(first[1], Is.Not.EqualTo(first[0]));
        Assert.That(first[2], Is.Not.EqualTo(first[1]));
        var mean = ensemble.Children.Select(member => member.Forward(x, training: false)).Aggregate((a, b) => a + b) / 3;
        Assert.That(y.AsColumnMajorArray(), Is.EqualTo(mean.AsColumnMajorArray()).Within(1e-12));
        Assert.That(ensemble.NamedParameters.Select(p => p.Name), Has.Member("0.0.weight").And.Member("2.2.bias"), "member.layer.name");
    }

    [Test]
    public void AResidualBlockAddsItsInputAndNamesItsBodysParameters()
    {
        var residual = Create("residual(dense:5,relu,dense:5)", 5);
        var x = Matrix<double>.Build.Random(5, 3, 8);

        var y = residual.Forward(x, training: false).Clone();

        var body = residual.Children.Single();
        Assert.That((y - x).AsColumnMajorArray(), Is.EqualTo(body.Forward(x, training: false).AsColumnMajorArray()).Within(1e-12));
        Assert.That(residual.NamedParameters.Select(p => p.Name), Is.EqualTo(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }));
    }

    [Test]
    public void AResidualBodyThatChangesTheWidthIsOneClearError() =>
        Assert.That(() => LayerRegistry.Build<float>(LayerRegistry.Parse("dense:8,residual(dense:4,relu)"), 4, 3, LayerContext<float>.WithChosenGemm(new Random(1))),
            Throws.TypeOf<InputException>().With.Message.EqualTo(
                "layer 'residual(dense:4,relu)': its inner layers give 4 values but take 8; x + f(x) needs as many (end them with dense:8) (at character 9)"));

    [TestCase("ensemble(dense:4)", "needs its number of members")]
    [TestCase("ensemble:2", "needs its inner layers in parentheses")]
    [TestCase("residual", "needs its inner layers in parentheses")]
    [TestCase("periodic", "needs its number of frequencies")]
    [TestCase("periodic:4,0", "the frequencies' standard deviation s must be positive")]
    [TestCase("batchnorm:0", "the momentum m must be in (0, 1]")]
    public void ALayerThatHoldsLayersOrTakesSizesSaysWhatItNeeds(string spec, string expected) =>
        Assert.That(() => LayerRegistry.Build<float>(LayerRegistry.Parse(spec), 4, 3, LayerContext<float>.WithChosenGemm(new Random(1))),
            Throws.TypeOf<InputException>().With.Message.Contains(expected));

    [Test]
    public void PeriodicEmbedsEachFeatureInDValuesFromTruncatedNormalFrequencies()
    {
        var periodic = Create("periodic:64,0.5,3", 4);

        Assert.That((periodic.InputSize, periodic.OutputSize), Is.EqualTo((4, 12)));
        var frequencies = periodic.NamedParameters.Single(p => p.Name == "frequencies").Parameter.Values;
        Assert.That(frequencies, Has.Length.EqualTo(4 * 64).And.All.InRange(-1.5, 1.5), "N(0, 0.5²) truncated at ±3σ");
        Assert.That(MathNet.Numerics.Statistics.Statistics.StandardDeviation(frequencies), Is.EqualTo(0.5).Within(0.05));
        var output = periodic.Forward(Matrix<double>.Build.Random(4, 9, 3), training: false);
        Assert.That(output.Enumerate(), Is.All.GreaterThanOrEqualTo(0.0), "ReLU");
    }
}
