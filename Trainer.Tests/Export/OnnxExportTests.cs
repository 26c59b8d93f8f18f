using MathNet.Numerics.LinearAlgebra;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralNet.Data;
using NeuralNet.Export;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

public class OnnxExportTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    [Test]
    public void AClassifierWithEveryShippedLayerGivesTheTrainersProbabilitiesInOnnxRuntime()
    {
        // Every layer the trainer ships, so each one's ONNX form is checked against the trainer.
        string model = Train("iris.csv", "dense:16,relu,dense:12,leaky_relu:0.1,dense:10,prelu,dropout:0.2,dense:8,generalized_relu:0.3,0.1,1.5,dense:8,swish,dense");

        var (trainer, onnx) = BothPredictions(model, RepoPaths.Data("iris.csv"));

        Assert.That(onnx, Has.Length.EqualTo(trainer.Length));
        Assert.That(MaxAbsoluteDifference(trainer, onnx), Is.LessThanOrEqualTo(1e-5));
    }

    [Test]
    public void ARegressionGivesTheTrainersPredictionsInTargetUnits()
    {
        string model = Train("diabetes.csv", "dense:32,relu,dense:16,leaky_relu:0.05,dense");

        var (trainer, onnx) = BothPredictions(model, RepoPaths.Data("diabetes.csv"));

        // The target is in the hundreds, where one float step is 3e-5 (and the two differ by that much): the 1e-5 is
        // relative to the value's size here.
        double worst = trainer.Zip(onnx, (t, o) => Math.Abs(t - o) / Math.Max(1, Math.Abs(t))).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(1e-5));
    }

    [Test]
    public void ALayerWithoutAnOnnxFormIsNamedInOneLine()
    {
        var saved = ModelSerializer.Load(Train("iris.csv", "dense:8,relu,dense"));
        var network = new Sequential<float>([saved.Network.Layers[0], new Cube(8), saved.Network.Layers[2]]);

        var e = Assert.Throws<InputException>(() => OnnxExport.ToOnnx(saved with { Network = network }));

        Assert.That(e!.Message, Does.Contain("layer 1 (cube) has no ONNX export").And.Not.Contain("\n"));
    }

    [Test]
    public void AModelThatFillsMissingValuesFillsThemInTheGraphAsPredictDoes()
    {
        // A missing value reaches the graph as NaN; IsNaN and Where put the training mean in its place before scaling.
        string data = _temp.File("gaps.csv", "a,b,y\n1,2,x\n,3,z\n2,4,x\n3,1,z\n4,5,x\n5,2,z\n");
        string model = _temp.File("m.json");
        var train = CliRun.Of(data, "--missing", "mean", "--epochs", "2", "--val-split", "0", "--save", model);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());

        var (trainer, onnx) = BothPredictions(model, data);

        Assert.That(onnx, Has.All.Not.NaN);
        Assert.That(MaxAbsoluteDifference(trainer, onnx), Is.LessThanOrEqualTo(1e-5));
    }

    [Test]
    public void TheExportVerbNeedsAModelFile()
    {
        var result = CliRun.Of("export", _temp.File("missing.json"), _temp.File("m.onnx"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("file not found"));
    }

    private string Train(string data, string layers)
    {
        string model = _temp.File("m.json");
        var result = CliRun.Of(RepoPaths.Data(data), "--layers", layers, "--epochs", "15", "--save", model);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return model;
    }

    /// <summary>The trainer's predictions (Predictor, as predict prints them) and ONNX Runtime's on the same rows,
    /// both (rows, outputs) row by row.</summary>
    private (float[] Trainer, float[] Onnx) BothPredictions(string model, string dataPath)
    {
        string onnxPath = _temp.File("m.onnx");
        var export = CliRun.Of("export", model, onnxPath);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());

        var saved = ModelSerializer.Load(model);
        var prep = saved.Preprocessing;
        var scoring = ScoringData.Load(dataPath, prep, withTargets: true);
        float[] trainer = Predictor.Predict(saved.Network, prep, scoring.Dataset);

        // The graph's input is the file's numeric columns as they are, in the model's feature order.
        var raw = CsvLoader.LoadFor(prep, dataPath, DataOptions.Default, requireTargets: false);
        var columns = prep.FeatureNames.Select(name => raw.Features.Single(c => c.Name == name)).ToArray();
        var values = new float[raw.Rows * columns.Length];
        for (int r = 0; r < raw.Rows; r++)
            for (int f = 0; f < columns.Length; f++)
                values[r * columns.Length + f] = raw.Number(r, columns[f]);
        using var session = new InferenceSession(onnxPath);
        var input = new DenseTensor<float>(values, [raw.Rows, columns.Length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.Input, input)]);
        var output = results.Single();
        Assert.That(output.Name, Is.EqualTo(OnnxExport.OutputName(prep)));
        return (trainer, [.. output.AsEnumerable<float>()]);
    }

    private static double MaxAbsoluteDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();

    /// <summary>A layer the exporter does not know: y = x³.</summary>
    private sealed class Cube(int size) : ILayer<float>
    {
        private readonly Matrix<float> _output = Matrix<float>.Build.Dense(size, 1);

        public int InputSize => size;

        public int OutputSize => size;

        public IReadOnlyList<Parameter<float>> Parameters => [];

        public string Spec => "cube";

        public Matrix<float> Forward(Matrix<float> input, bool training) => _output;

        public Matrix<float>? Backward(Matrix<float> outputGradient, bool inputGradientNeeded = true) => null;
    }
}
