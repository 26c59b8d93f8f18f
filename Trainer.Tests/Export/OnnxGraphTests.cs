using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralNet.Onnx;

namespace NeuralNet.Tests.Export;

/// <summary>The hand-written protobuf of <see cref="OnnxGraph"/>, checked by ONNX Runtime reading and running it.</summary>
public class OnnxGraphTests
{
    [Test]
    public void AStringConstantIsGatheredByInt64Indexes()
    {
        var graph = new OnnxGraph();
        string indexes = graph.Input("i", OnnxType.Int64, 1);
        string names = graph.Constant("names", ["setosa", "versicolor", "virginica", "ünïcödé"], 4);
        string output = graph.Reserve("out");
        graph.NamedNode(output, "Gather", [names, indexes], ("axis", 0));
        graph.Output(output, OnnxType.String, 1);

        using var session = new InferenceSession(graph.ToModel("t"));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("i", new DenseTensor<long>(new long[] { 2, 0, 3 }, [3, 1]))]);

        Assert.That(results.Single().AsEnumerable<string>().ToArray(), Is.EqualTo(new[] { "virginica", "setosa", "ünïcödé" }));
    }

    [Test]
    public void StringFloatAndIntAttributesReachAnAiOnnxMlNode()
    {
        // LabelEncoder: keys_strings (STRINGS), values_floats (FLOATS), default_float (FLOAT); then ArgMax's INT axis.
        var graph = new OnnxGraph();
        string input = graph.Input("word", OnnxType.String, 2);
        string scores = graph.MlNode("LabelEncoder", [input], ("keys_strings", new[] { "low", "high", "" }),
            ("values_floats", new[] { 0.25f, 4.5f, -1f }), ("default_float", 7f));
        string output = graph.Reserve("score");
        graph.NamedNode(output, "Identity", [scores]);
        graph.Output(output, OnnxType.Float, 2);

        using var session = new InferenceSession(graph.ToModel("t"));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("word", new DenseTensor<string>(new[] { "high", "low", "", "other" }, [2, 2]))]);

        Assert.That(results.Single().AsEnumerable<float>().ToArray(), Is.EqualTo(new[] { 4.5f, 0.25f, -1f, 7f }));
    }

    [Test]
    public void ANameThatIsTakenGetsASuffixAndGeneratedNamesAvoidInputs()
    {
        var graph = new OnnxGraph();
        Assert.That(graph.Input("sub_0", OnnxType.Float, 1), Is.EqualTo("sub_0"));
        Assert.That(graph.Reserve("label"), Is.EqualTo("label"));
        Assert.That(graph.Reserve("label"), Is.EqualTo("label_1"));
        Assert.That(graph.Constant("sub_0", [1f], 1), Is.EqualTo("sub_0_1"));
        Assert.That(graph.Name("sub"), Is.Not.EqualTo("sub_0"));
    }
}
