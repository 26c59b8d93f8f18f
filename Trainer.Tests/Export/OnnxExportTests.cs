using NeuralNet.Cli;
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
    public void AClassifierWithEveryShippedLayerGivesPredictsLabelsAndProbabilitiesInOnnxRuntime()
    {
        // Every layer the trainer ships, so each one's ONNX form is checked against predict.
        string model = Train(RepoPaths.Data("iris.csv"), "--layers", "dense:16,relu,dense:12,leaky_relu:0.1,dense:10,prelu,dropout:0.2,dense:8,generalized_relu:0.3,0.1,1.5,dense:8,swish,dense");

        AssertParity(model, RepoPaths.Data("iris.csv"));
    }

    [TestCase("iris.csv")]
    [TestCase("wine.csv")]
    [TestCase("breast-cancer.csv")]
    [TestCase("digits.csv")]
    [TestCase("diabetes.csv")]
    public void EveryShippedDatasetExportsAndMatchesPredict(string name)
    {
        string model = Train(RepoPaths.Data(name));

        AssertParity(model, RepoPaths.Data(name));
    }

    [Test]
    public void ATitanicLikeTableWithAnIdTextCategoriesAndFilledGapsMatchesPredict()
    {
        string data = _temp.File("passengers.csv", TabularFiles.Passengers(400, seed: 3));
        string model = Train(data, "--missing", "median");
        var saved = ModelSerializer.Load(model);
        Assert.That(saved.Preprocessing.Features.Where(f => f.IsCategorical).Select(f => f.Name), Is.EqualTo(new[] { "Sex", "Embarked", "Cabin" }));
        Assert.That(saved.Preprocessing.Features.Count(f => f.Fill is not null), Is.EqualTo(4), "every numeric column (Pclass, Age, SibSp, Fare) has a fill");
        Assert.That(saved.Preprocessing.FeatureNames, Does.Not.Contain("PassengerId"));

        AssertParity(model, data);
    }

    [Test]
    public void EpochMillisecondsAreFedAsDoublesAndMatchPredict()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).OrderBy(_ => random.Next())
            .Select(i => FormattableString.Invariant($"{1704067200000L + 300L * i},{(i % 3 == 0 ? "" : random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture))},{(i < 150 ? "early" : "late")}"));
        string data = _temp.File("times.csv", "ts,noise,label\n" + string.Join("\n", rows) + "\n");
        string model = Train(data, "--missing", "median");
        var saved = ModelSerializer.Load(model);
        Assert.That(OnnxExport.Build(saved).Signature.Inputs.Select(i => i.Type), Is.EqualTo(new[] { NeuralNet.Onnx.OnnxType.Double, NeuralNet.Onnx.OnnxType.Float }));

        AssertParity(model, data);
        var (predict, _) = OnnxParity.Both(_temp, model, data);
        Assert.That(predict.Labels!.Distinct().Count(), Is.EqualTo(2), "the times decide the label: both are predicted");
    }

    [Test]
    public void ASemicolonFileWithDecimalCommasATextColumnAndGapsMatchesPredictInTargetUnits()
    {
        string data = _temp.File("regression.csv", TabularFiles.SemicolonRegression(300, seed: 4));
        string model = Train(data, "--missing", "mean");
        Assert.That(ModelSerializer.Load(model).Preprocessing.Task, Is.EqualTo(TaskKind.Regression));

        AssertParity(model, data);
    }

    [Test]
    public void AMultiOutputRegressionWithANumberReadAsACategoryMatchesPredict()
    {
        var random = new Random(10);
        var rows = Enumerable.Range(0, 200).Select(_ => (A: random.NextDouble(), B: random.NextDouble(), Grade: random.Next(1, 4)))
            .Select(r => FormattableString.Invariant($"{r.A:0.###},{r.B:0.###},{r.Grade},{3 * r.A + r.Grade:0.###},{100 * r.B - r.A:0.###}"));
        string data = _temp.File("multi.csv", "a,b,grade,y1,y2\n" + string.Join("\n", rows) + "\n");
        string model = Train(data, "--target", "y1,y2", "--categorical", "grade");
        var prep = ModelSerializer.Load(model).Preprocessing;
        Assert.That(prep.Features.Single(f => f.Name == "grade").IsCategorical, Is.True);
        Assert.That(prep.OutputCount, Is.EqualTo(2));

        AssertParity(model, data);
    }

    [Test]
    public void AFileWithoutAHeaderMatchesPredict()
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, 150).Select(_ => (A: random.NextDouble(), B: random.NextDouble(), C: random.Next(2) == 0 ? "x" : "y"))
            .Select(r => FormattableString.Invariant($"{r.A:0.###},{r.B:0.###},{r.C},{(r.A + r.B > 1 ? 1 : 0)}"));
        string data = _temp.File("nohead.csv", string.Join("\n", rows) + "\n");
        string model = Train(data, "--no-header");

        var (predict, onnx) = OnnxParity.Both(_temp, model, data, DataOptions.Default with { HasHeader = false }, "--no-header");

        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(OnnxParity.WorstDifference(predict.Values, onnx.Values, ModelSerializer.Load(model).Preprocessing), Is.LessThanOrEqualTo(1e-5));
    }

    [Test]
    public void ImbalancedTextClassesMatchPredict()
    {
        string data = _temp.File("colours.csv", TabularFiles.ImbalancedColours(300, seed: 5));
        string model = Train(data);

        AssertParity(model, data);
    }

    [Test]
    public void UnseenCategoriesAreAllZerosAndMissingMarkersTakeTheFillAsPredictDoesWithUnknownCategoryIgnore()
    {
        string model = Train(_temp.File("passengers.csv", TabularFiles.Passengers(300, seed: 6)), "--missing", "median");
        // A port and a cabin training never saw, missing markers of every kind, and a missing number.
        string scoring = _temp.File("new.csv", "PassengerId,Pclass,Sex,Age,SibSp,Fare,Embarked,Cabin\n"
            + "901,1,female,30,0,40,X,Z9\n902,3,male,,1,8,NA,?\n903,2,female,22,0,20,null,\n904,3,male,41,2,7.5,NaN,A1\n");

        var (predict, onnx) = OnnxParity.Both(_temp, model, scoring, "--unknown-category", "ignore");

        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(OnnxParity.WorstDifference(predict.Values, onnx.Values, ModelSerializer.Load(model).Preprocessing), Is.LessThanOrEqualTo(1e-5));
        // predict itself refuses the unseen port when told to (the training default, kept by the model, ignores it).
        var strict = CliRun.Of("predict", model, scoring, "--unknown-category", "error");
        Assert.That(strict.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(strict.Error, Does.Contain("'X' in column 'Embarked' is a category the training data did not have"));
    }

    [Test]
    public void TheGraphTakesOneInputPerColumnNamedAsTheColumnAndGivesLabelAndProbabilities()
    {
        string model = Train(_temp.File("passengers.csv", TabularFiles.Passengers(200, seed: 7)), "--missing", "median");
        string onnx = _temp.File("m.onnx");

        var export = CliRun.Of("export", model, onnx);

        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That(export.Output, Does.Contain("inputs 'Pclass' float, 'Sex' string, 'Age' float, 'SibSp' float, 'Fare' float, 'Embarked' string, 'Cabin' string; outputs 'label', 'probabilities'"));
        using var session = new InferenceSession(onnx);
        Assert.That(session.InputMetadata.Keys, Is.EqualTo(new[] { "Pclass", "Sex", "Age", "SibSp", "Fare", "Embarked", "Cabin" }));
        Assert.That(session.InputMetadata["Sex"].ElementDataType, Is.EqualTo(TensorElementType.String));
        Assert.That(session.InputMetadata["Age"].ElementDataType, Is.EqualTo(TensorElementType.Float));
        Assert.That(session.InputMetadata["Age"].Dimensions, Is.EqualTo(new[] { -1, 1 }));
        Assert.That(session.OutputMetadata.Keys, Is.EqualTo(new[] { "label", "probabilities" }));
        Assert.That(session.OutputMetadata["label"].ElementDataType, Is.EqualTo(TensorElementType.String));
    }

    [Test]
    public void TheOutputsAreAlwaysLabelAndProbabilitiesAndAColumnNamedAsAnOutputIsFedWithASuffix()
    {
        var random = new Random(8);
        var rows = Enumerable.Range(0, 120).Select(_ => (random.NextDouble(), random.NextDouble(), random.NextDouble()))
            .Select(p => FormattableString.Invariant($"{p.Item1:0.###},{p.Item2:0.###},{p.Item3:0.###},{(p.Item1 + p.Item2 > 1 ? "hi" : "lo")}"));
        string data = _temp.File("clash.csv", "label,probabilities,feature_means,target\n" + string.Join("\n", rows) + "\n");
        string model = Train(data, "--target", "target");
        string onnx = _temp.File("clash.onnx");

        var export = CliRun.Of("export", model, onnx);

        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That(export.Output, Does.Contain("inputs 'label_input' float, 'probabilities_input' float, 'feature_means' float; outputs 'label', 'probabilities'"));
        using (var session = new InferenceSession(onnx))
        {
            Assert.That(session.InputMetadata.Keys, Is.EqualTo(new[] { "label_input", "probabilities_input", "feature_means" }));
            Assert.That(session.OutputMetadata.Keys, Is.EqualTo(new[] { "label", "probabilities" }));
        }
        AssertParity(model, data);
    }

    [Test]
    public void AMissingValueTheModelCannotFillGivesNanProbabilitiesAndAnEmptyLabel()
    {
        var random = new Random(12);
        string[] kinds = ["p", "q", "r"];
        var rows = Enumerable.Range(0, 200).Select(_ => (X: random.NextDouble() - 0.5, T: kinds[random.Next(3)]))
            .Select(r => FormattableString.Invariant($"{r.X:0.###},{r.T},{(r.X > 0 ? "B" : "A")}"));
        string model = Train(_temp.File("nofill.csv", "x,t,y\n" + string.Join("\n", rows) + "\n"), "--missing", "error");
        string onnx = _temp.File("nofill.onnx");
        Assert.That(CliRun.Of("export", model, onnx).ExitCode, Is.Zero);
        // predict refuses each of these rows (exit code 2); the graph cannot stop, so it says "no answer".
        Assert.That(CliRun.Of("predict", model, _temp.File("gap.csv", "x,t\n,p\n")).ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(CliRun.Of("predict", model, _temp.File("gap-text.csv", "x,t\n0.3,?\n")).ExitCode, Is.EqualTo(ExitCodes.BadInput));
        using var session = new InferenceSession(onnx);

        foreach (var (x, t) in new (object?, string?)[] { (null, "p"), (0.3, null), (0.3, ""), (0.3, "?"), (0.3, "NA"), (0.3, "null") })
        {
            var (label, probabilities) = NeuralNet.Scoring.OnnxScoring.ScoreOne(session, new Dictionary<string, object?> { ["x"] = x, ["t"] = t });

            Assert.That(label, Is.Empty, $"x={x}, t={t}");
            Assert.That(probabilities, Has.All.NaN, $"x={x}, t={t}");
        }
        var (known, knownProbabilities) = NeuralNet.Scoring.OnnxScoring.ScoreOne(session, new Dictionary<string, object?> { ["x"] = 0.3, ["t"] = "q" });
        Assert.That(known, Is.AnyOf("A", "B"));
        Assert.That(knownProbabilities.Sum(), Is.EqualTo(1).Within(1e-5));
    }

    [Test]
    public void AMissingTextARegressionCannotFillGivesNan()
    {
        var random = new Random(13);
        string[] kinds = ["p", "q"];
        var rows = Enumerable.Range(0, 200).Select(_ => (X: random.NextDouble(), T: kinds[random.Next(2)]))
            .Select(r => FormattableString.Invariant($"{r.X:0.###},{r.T},{(r.T == "p" ? 100 : 0) + 50 * r.X:0.###}"));
        string model = Train(_temp.File("nofill-reg.csv", "x,t,y\n" + string.Join("\n", rows) + "\n"), "--missing", "error");
        var saved = ModelSerializer.Load(model);
        Assert.That(saved.Preprocessing.Task, Is.EqualTo(TaskKind.Regression));
        using var session = new InferenceSession(OnnxExport.ToOnnx(saved));

        float Score(string t)
        {
            var feeds = new[]
            {
                NamedOnnxValue.CreateFromTensor("x", new DenseTensor<float>(new[] { 0.5f }, [1, 1])),
                NamedOnnxValue.CreateFromTensor("t", new DenseTensor<string>(new[] { t }, [1, 1])),
            };
            using var results = session.Run(feeds);
            return results.Single(r => r.Name == OnnxExport.Label).AsEnumerable<float>().Single();
        }

        Assert.That(Score("?"), Is.NaN);
        Assert.That(Score(""), Is.NaN);
        Assert.That(Score("q"), Is.Not.NaN);
    }

    [Test]
    public void ALayerWithoutAnOnnxFormIsNamedInOneLine()
    {
        var saved = ModelSerializer.Load(Train(RepoPaths.Data("iris.csv"), "--layers", "dense:8,relu,dense"));
        var network = new Sequential<float>([saved.Network.Layers[0], new Cube(8), saved.Network.Layers[2]]);

        var e = Assert.Throws<InputException>(() => OnnxExport.ToOnnx(saved with { Network = network }));

        Assert.That(e!.Message, Does.Contain("layer 1 (cube) has no ONNX export").And.Not.Contain("\n"));
    }

    [Test]
    public void TheExportVerbNeedsAModelFile()
    {
        var result = CliRun.Of("export", _temp.File("missing.json"), _temp.File("m.onnx"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("file not found"));
    }

    [Test]
    public void OutliersClampedToTheInputClipMatchPredict()
    {
        string data = _temp.File("outliers.csv", TabularFiles.WithOutliers(300, seed: 5));
        string model = Train(data);
        Assert.That(ModelSerializer.Load(model).Preprocessing.InputClip, Is.EqualTo(Preprocessing.DefaultInputClip));

        AssertParity(model, data);
    }

    private string Train(string data, params string[] options)
    {
        string model = _temp.File("m.json");
        var result = CliRun.Of([data, "--epochs", "8", "--save", model, .. options]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return model;
    }

    // Labels identical; probabilities within 1e-5, values in target units within 1e-5 of their size or of the target's
    // standard deviation (see OnnxParity.WorstDifference).
    private void AssertParity(string model, string data)
    {
        var (predict, onnx) = OnnxParity.Both(_temp, model, data);

        Assert.That(onnx.Values, Has.Length.EqualTo(predict.Values.Length));
        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(OnnxParity.WorstDifference(predict.Values, onnx.Values, ModelSerializer.Load(model).Preprocessing), Is.LessThanOrEqualTo(1e-5));
    }
}
