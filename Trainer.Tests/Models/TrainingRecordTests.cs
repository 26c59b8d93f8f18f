using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Optimizers;
using NeuralNet.Reporting;
using NeuralNet.Tests.Cli;
using NeuralNet.Training;

namespace NeuralNet.Tests.Models;

/// <summary>The run record's class weighting, picked defaults, threads, BLAS and --cv folds: saved, read back,
/// covered by document_sha256, and optional on read.</summary>
public class TrainingRecordTests
{
    private static readonly Preprocessing Prep = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1)).Preprocessing;

    /// <summary>A model file saved by main at e7101ba (before these fields were recorded):
    /// <c>Trainer data/iris.csv --hidden 4 --epochs 5 --class-weight balanced --seed 1 --blas managed</c>.</summary>
    private static readonly string OldFile = Path.Combine(RepoPaths.Root, "Trainer.Tests", "Models", "Fixtures", "iris-format3-e7101ba.model.json");

    private const string Changed = "damaged model file: its content does not match document_sha256 (the file was changed after it was saved)";

    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    private static TrainingRecord Record() => new(
        "iris.csv", null, "dense:5,relu,dense:3", 0.2, "adamw", new OptimizerSettings(0.003, 0.9, 1), new LearningRateScheduleSettings(),
        500, 32, 0, 50, DataOptions.Default, null,
        ClassWeight: ClassWeighting.Balanced,
        ClassWeights: new Dictionary<string, double> { ["setosa"] = 1.0 / 3, ["versicolor"] = 2.051282051282051, ["virginica"] = 8.88888888888889 },
        MinImprovement: 0.001,
        Picked: ["batch 32: 120 training rows", "at most 500 epochs: 120 training rows × 2,400 weights"],
        Threads: 3,
        Blas: "managed",
        CrossValidation: new CrossValidationRecord(2, true, 150, "accuracy",
            [new FoldRecord(75, 12, new RunScore(0.25, 0.96, 0.9595, 0.959, 0.25)), new FoldRecord(75, 0, new RunScore(double.NaN, double.NaN))],
            double.NaN, double.NaN, "trained after the folds"));

    private string Save(TrainingRecord run)
    {
        string path = _temp.File("m.json");
        var network = Mlp.Build(4, [5], 3, LayerContext<float>.WithChosenGemm(new Random(7)));
        ModelSerializer.Save(path, ModelSerializer.ToDocument(network, Prep, run, new ModelMetrics("accuracy", 7, new RunScore(0.25, 0.9), null)));
        return path;
    }

    [Test]
    public void EveryNewFieldReadsBackAsSaved()
    {
        var saved = Record();
        string path = Save(saved);

        var loaded = ModelSerializer.Load(path);
        var run = loaded.Run!;
        var cv = run.CrossValidation!;

        Assert.Multiple(() =>
        {
            Assert.That(run.ClassWeight, Is.EqualTo(ClassWeighting.Balanced));
            Assert.That(run.ClassWeights, Is.EqualTo(saved.ClassWeights), "by class name, in class order, bit for bit");
            Assert.That(run.ClassWeights!.Keys, Is.EqualTo(Prep.ClassNames));
            Assert.That(run.MinImprovement, Is.EqualTo(0.001));
            Assert.That(run.Picked, Is.EqualTo(saved.Picked));
            Assert.That(run.Threads, Is.EqualTo(3));
            Assert.That(run.Blas, Is.EqualTo("managed"));
            Assert.That((cv.K, cv.Stratified, cv.Rows, cv.Metric, cv.SavedModel), Is.EqualTo((2, true, 150, "accuracy", "trained after the folds")));
            Assert.That(cv.Folds, Is.EqualTo(saved.CrossValidation!.Folds), "each fold's rows, epochs and figures, NaN included");
            Assert.That(cv.Mean, Is.NaN);
            Assert.That(cv.Std, Is.NaN);
        });
        // And the file it came from is what saving the loaded model writes again.
        using var again = new MemoryStream();
        ModelSerializer.Write(again, ModelSerializer.ToDocument(loaded.Network, loaded.Preprocessing, loaded.Run, loaded.Metrics));
        Assert.That(again.ToArray(), Is.EqualTo(File.ReadAllBytes(path)));
    }

    [Test]
    public void TheFileSaysItInPlainKeys()
    {
        var run = JsonNode.Parse(File.ReadAllText(Save(Record())))!["run"]!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)run["class_weight"], Is.EqualTo("balanced"));
            Assert.That((double?)run["class_weights"]!["virginica"], Is.EqualTo(8.88888888888889));
            Assert.That((int?)run["cross_validation"]!["k"], Is.EqualTo(2));
            Assert.That((int?)run["cross_validation"]!["folds"]![0]!["held_out"], Is.EqualTo(75));
            Assert.That((double?)run["cross_validation"]!["folds"]![0]!["score"]!["metric"], Is.EqualTo(0.96));
        });
    }

    // Each new field is covered by document_sha256 like every other: an edit after saving is refused.
    [TestCase("class_weight", "\"none\"")]
    [TestCase("class_weights.versicolor", "1")]
    [TestCase("min_improvement", "0")]
    [TestCase("picked[0]", "\"batch 64: 120 training rows\"")]
    [TestCase("threads", "1")]
    [TestCase("blas", "\"openblas\"")]
    [TestCase("cross_validation.k", "3")]
    [TestCase("cross_validation.folds[0].score.metric", "0.99")]
    [TestCase("cross_validation.mean", "0.99")]
    [TestCase("cross_validation.saved_model", "\"trained on every row\"")]
    public void AnEditedFieldIsRefusedByTheDocumentHash(string field, string value)
    {
        string path = Save(Record());
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Edit(json["run"]!, field, JsonNode.Parse(value));
        File.WriteAllText(path, json.ToJsonString());

        var e = Assert.Throws<InputException>(() => ModelSerializer.Load(path));

        Assert.That(e!.Message, Is.EqualTo($"{path}: {Changed}"));
    }

    [Test]
    public void ARemovedClassWeightIsRefusedByTheDocumentHash()
    {
        string path = Save(Record());
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["run"]!.AsObject().Remove("class_weights");
        json["run"]!.AsObject().Remove("class_weight");
        File.WriteAllText(path, json.ToJsonString());

        Assert.That(Assert.Throws<InputException>(() => ModelSerializer.Load(path))!.Message, Is.EqualTo($"{path}: {Changed}"));
    }

    [Test]
    public void WeightsForClassesTheModelDoesNotHaveAreNamed()
    {
        // Written wrong by its writer (the hash matches): the field check, not the hash, names it.
        string path = Save(Record() with { ClassWeights = new Dictionary<string, double> { ["setosa"] = 1, ["virginica"] = 2 } });

        var e = Assert.Throws<InputException>(() => ModelSerializer.Load(path));

        Assert.That(e!.Message, Is.EqualTo($"{path}: damaged model file: run.class_weights names the classes setosa, virginica; the model's are setosa, versicolor, virginica"));
    }

    [Test]
    public void ANegativeClassWeightIsNamed()
    {
        string path = Save(Record() with { ClassWeights = new Dictionary<string, double> { ["setosa"] = 1, ["versicolor"] = -2, ["virginica"] = 1 } });

        var e = Assert.Throws<InputException>(() => ModelSerializer.Load(path));

        Assert.That(e!.Message, Is.EqualTo($"{path}: damaged model file: run.class_weights: the weight of class 'versicolor' must be a finite number of at least 0, not -2"));
    }

    [Test]
    public void AClassWeightThatIsNotANoneOrBalancedIsNamed()
    {
        string path = Save(Record());
        string text = File.ReadAllText(path).Replace("\"class_weight\": \"balanced\"", "\"class_weight\": \"heavy\"", StringComparison.Ordinal);
        File.WriteAllText(path, text);

        var e = Assert.Throws<InputException>(() => ModelSerializer.Load(path));

        Assert.That(e!.Message, Does.EndWith("damaged model file: 'run.class_weight' has the wrong type; expected \"none\" or \"balanced\""));
    }

    [Test]
    public void AFormatThreeFileSavedBeforeTheseFieldsLoadsWithoutThem()
    {
        var loaded = ModelSerializer.Load(OldFile);
        var run = loaded.Run!;

        Assert.Multiple(() =>
        {
            Assert.That(loaded.FormatVersion, Is.EqualTo(3));
            Assert.That(run.Layers, Is.EqualTo("dense:4,relu,dense:3"));
            Assert.That(run.ClassWeight, Is.Null, "trained balanced, but that build did not say so");
            Assert.That(run.ClassWeights, Is.Null);
            Assert.That(run.MinImprovement, Is.Null);
            Assert.That(run.Picked, Is.Null);
            Assert.That(run.Threads, Is.Null);
            Assert.That(run.Blas, Is.Null);
            Assert.That(run.CrossValidation, Is.Null);
        });
        // Its document hash is still taken the same way: the absent fields are absent from the canonical form too,
        // so saving what was loaded writes the old file again, byte for byte.
        using var again = new MemoryStream();
        ModelSerializer.Write(again, ModelSerializer.ToDocument(loaded.Network, loaded.Preprocessing, loaded.Run, loaded.Metrics));
        Assert.That(again.ToArray(), Is.EqualTo(File.ReadAllBytes(OldFile)));
    }

    [Test]
    public void AnEditToTheOldFileIsStillRefused()
    {
        var json = JsonNode.Parse(File.ReadAllText(OldFile))!;
        json["run"]!["class_weight"] = "balanced"; // adding what the file did not say is an edit too
        string path = _temp.File("old.json", json.ToJsonString());

        Assert.That(Assert.Throws<InputException>(() => ModelSerializer.Load(path))!.Message, Is.EqualTo($"{path}: {Changed}"));
    }

    /// <summary>Sets the value at a path such as <c>cross_validation.folds[0].score.metric</c>.</summary>
    private static void Edit(JsonNode node, string path, JsonNode? value)
    {
        string[] steps = path.Split('.');
        foreach (string step in steps[..^1])
            node = Step(node, step);
        string last = steps[^1];
        if (last.EndsWith(']'))
        {
            int open = last.IndexOf('[', StringComparison.Ordinal);
            node[last[..open]]![int.Parse(last[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            Assert.That(node[last], Is.Not.Null, $"{path} is in the saved file");
            node[last] = value;
        }
    }

    private static JsonNode Step(JsonNode node, string step)
    {
        int open = step.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? node[step]! : node[step[..open]]![int.Parse(step[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
    }
}
