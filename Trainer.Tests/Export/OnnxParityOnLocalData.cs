using NeuralNet.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary>The ONNX parity check on the machine's larger datasets (/work/data/synthetic, made by
/// ../shared/datasets/synthetic.py), when they are there: run by hand with
/// <c>dotnet test --filter TestCategory=LocalData</c>; CI does not have them, so it is Explicit.</summary>
[Explicit("needs /work/data/synthetic")]
[Category("LocalData")]
public class OnnxParityOnLocalData
{
    [TestCase("multiclass.csv")]
    [TestCase("imbalanced.csv")]
    [TestCase("regression-semicolon.csv")]
    [TestCase("passengers.csv", "--missing", "median")]
    public void ExportMatchesPredict(string name, params string[] options)
    {
        string data = Path.Combine("/work/data/synthetic", name);
        if (!File.Exists(data))
            Assert.Ignore($"{data} is not on this machine");
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        var train = CliRun.Of([data, "--epochs", "3", "--save", model, .. options]);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());

        var (predict, onnx) = OnnxParity.Both(temp, model, data);

        double worst = OnnxParity.WorstDifference(predict.Values, onnx.Values, ModelSerializer.Load(model).Preprocessing);
        double plain = predict.Values.Zip(onnx.Values, (e, a) => Math.Abs((double)e - a) / Math.Max(1, Math.Abs((double)e))).Max();
        TestContext.Out.WriteLine($"{name}: {predict.Values.Length} values, worst difference {worst:G3} (|a-b|/max(1,|a|): {plain:G3}), labels identical: {onnx.Labels?.SequenceEqual(predict.Labels!) ?? true}");
        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(worst, Is.LessThanOrEqualTo(1e-5));
    }
}
