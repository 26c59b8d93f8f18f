using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;

namespace NeuralNet.Tests.Layers;

public class LayerRegistryTests
{
    [Test]
    public void ASpecSplitsIntoLayersAndTheirArguments()
    {
        var specs = LayerRegistry.Parse("dense:256,relu,dense:128,generalized_relu:0.5,-0.1,1,leaky_relu:0.01,dense");

        Assert.That(specs.Select(s => s.ToString()), Is.EqualTo(new[] { "dense:256", "relu", "dense:128", "generalized_relu:0.5,-0.1,1", "leaky_relu:0.01", "dense" }));
    }

    [TestCase("dense:8,swoosh", "unknown layer 'swoosh' at character 9 of 'dense:8,swoosh'; the layers are")]
    [TestCase("0.5,relu", "'0.5' is not a layer at character 1")]
    [TestCase("relu,,dense", "a layer is missing at character 6")]
    [TestCase("relu,3", "'3' is not a layer at character 6")]
    [TestCase("dense:8,relu,", "a layer is missing at character 14")]
    [TestCase("dense:8,relu(dense:4", "the '(' after 'relu' is never closed at character 13")]
    [TestCase("dense:8,relu),dense", "')' closes no '(' at character 13")]
    [TestCase("dense:8,relu()", "'relu(' holds no layers at character 13")]
    [TestCase("dense:8,relu(dense:4,(relu))", "a layer is missing at character 22")]
    public void ABadSpecIsOneClearErrorNamingTheCharacter(string text, string expected) =>
        Assert.That(() => LayerRegistry.Parse(text), Throws.TypeOf<InputException>().With.Message.Contains(expected).And.Message.Not.Contain("\n"));

    [TestCase("dense:32,relu,dense")]
    [TestCase("generalized_relu:0.5,-0.1,1,relu(dense:4,relu),dense")]
    [TestCase("relu(dense:4,relu(prelu,swish)),dense:2(relu)")]
    public void ANestedSpecReadsBackAsWritten(string text) =>
        Assert.That(string.Join(',', LayerRegistry.Parse(text)), Is.EqualTo(text));

    [Test]
    public void InnerLayersAreTheChildrenOfTheLayerBeforeTheParenthesis()
    {
        var specs = LayerRegistry.Parse(" dense:8 , relu ( dense:4 , leaky_relu:0.1 ) , dense");

        Assert.That(specs.Select(s => s.Name), Is.EqualTo(new[] { "dense", "relu", "dense" }));
        Assert.That(specs[1].Children.Select(s => s.ToString()), Is.EqualTo(new[] { "dense:4", "leaky_relu:0.1" }));
        Assert.That(specs[1].Children[1].Position, Is.EqualTo(29), "1-based, where the name starts");
    }

    [Test]
    public void ALayerThatHoldsNoLayersRefusesInnerOnes() =>
        Assert.That(() => LayerRegistry.Build<float>(LayerRegistry.Parse("dense:8,relu(dense:8)"), 4, 3, LayerContext<float>.WithChosenGemm(new Random(1))),
            Throws.TypeOf<InputException>().With.Message.EqualTo("layer 'relu(dense:8)': 'relu' holds no inner layers; only a layer such as residual(...) or ensemble:K(...) does (at character 9)"));

    [TestCase("dense:8,relu,dense", "dense:8,relu,dense:3")]
    [TestCase("dense:8,relu", "dense:8,relu,dense:3")]
    [TestCase("dense", "dense:3")]
    [TestCase("dense:8,prelu,dropout:0.2,dense", "dense:8,prelu,dropout:0.2,dense:3")]
    [TestCase("dense:8,residual(dense:8,relu)", "dense:8,residual(dense:8,relu),dense:3")]
    [TestCase("scale,ensemble:2(dense:8,relu,dense)", "scale,ensemble:2(dense:8,relu,dense:3)")]
    [TestCase("ensemble:2(dense:8,relu)", "ensemble:2(dense:8,relu),dense:3")]
    public void TheOutputLayerIsSizedFromTheDataAndAppendedWhenMissing(string text, string built)
    {
        var network = LayerRegistry.Build<float>(LayerRegistry.Parse(text), 4, 3, LayerContext<float>.WithChosenGemm(new Random(1)));

        Assert.That(network.Spec, Is.EqualTo(built));
        Assert.That((network.InputSize, network.OutputSize), Is.EqualTo((4, 3)));
    }

    [Test]
    public void TheHiddenShortFormBuildsTheSameNetworkAsTheLayersItStandsFor()
    {
        var fromHidden = Mlp.Build<float>(4, [6, 5], 3, LayerContext<float>.WithChosenGemm(new Random(2)));
        var fromLayers = LayerRegistry.Build<float>(LayerRegistry.Parse("dense:6,relu,dense:5,relu,dense"), 4, 3, LayerContext<float>.WithChosenGemm(new Random(2)));

        Assert.That(fromHidden.Spec, Is.EqualTo(fromLayers.Spec));
        Assert.That(fromHidden.Parameters.SelectMany(p => p.Values), Is.EqualTo(fromLayers.Parameters.SelectMany(p => p.Values)));
    }

    [TestCase("dense,dense:4,relu,dense", "only the last layer may be a bare 'dense'")]
    [TestCase("dense:0,dense", "must be a positive integer")]
    [TestCase("leaky_relu:abc", "the slope a must be a number from -1e6 to 1e6, not 'abc'")]
    [TestCase("dropout:1", "must be in [0, 1)")]
    [TestCase("relu:2", "takes no arguments")]
    public void BadArgumentsNameTheLayer(string text, string expected) =>
        Assert.That(() => LayerRegistry.Build<float>(LayerRegistry.Parse(text), 4, 3, LayerContext<float>.WithChosenGemm(new Random(1))),
            Throws.TypeOf<InputException>().With.Message.Contains(expected));

    [Test]
    public void DropoutIsTheIdentityWhenEvaluatingAndScalesTheKeptUnitsWhenTraining()
    {
        var dropout = LayerRegistry.Create<double>(new LayerSpec("dropout", ["0.25"]), 50, LayerContext<double>.WithChosenGemm(new Random(1)));
        var input = Matrix<double>.Build.Dense(50, 40, 2.0);

        Assert.That(dropout.Forward(input, training: false).Enumerate(), Is.All.EqualTo(2.0));

        var trained = dropout.Forward(input, training: true).Enumerate().ToArray();
        Assert.That(trained, Is.All.EqualTo(0.0).Or.EqualTo(2.0 / 0.75).Within(1e-12));
        double dropped = trained.Count(v => v == 0) / (double)trained.Length;
        Assert.That(dropped, Is.EqualTo(0.25).Within(0.04), "the share of dropped values");
    }

    [Test]
    public void PReluStartsWithPyTorchsSlopeOfAQuarterPerFeature()
    {
        var prelu = LayerRegistry.Create<double>(new LayerSpec("prelu", []), 3, LayerContext<double>.WithChosenGemm(new Random(1)));

        Assert.That(prelu.Parameters.Single().Name, Is.EqualTo("slope"));
        Assert.That(prelu.Parameters.Single().Values, Is.EqualTo(new[] { 0.25, 0.25, 0.25 }));
        var output = prelu.Forward(Matrix<double>.Build.DenseOfColumnMajor(3, 1, [-4, 2, 0]), training: false);
        Assert.That(output.AsColumnMajorArray(), Is.EqualTo(new[] { -1.0, 2, 0 }));
    }
}
