using System.Globalization;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

public class PredictEvaluateTests
{
    private TempFolder _temp = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainOnce()
    {
        _temp = new TempFolder();
        _model = _temp.File("iris.model.json");
        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "3", "--seed", "1", "--save", _model);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain($"model saved to {_model}"));
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    [Test]
    public void SaveLoadPredictGivesIdenticalOutputs()
    {
        var data = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1));
        var network = Mlp.Build<float>(4, [8], 3, LayerContext<float>.WithChosenGemm(new Random(2)));
        var before = Predictor.Predict(network, data.Preprocessing, data.Train);
        string path = _temp.File("roundtrip.json");

        ModelSerializer.Save(path, ModelSerializer.ToDocument(network, data.Preprocessing, null, null));
        var loaded = ModelSerializer.Load(path);
        var after = Predictor.Predict(loaded.Network, loaded.Preprocessing, data.Train);

        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public void PredictLeavesOutRowsWithMissingValuesOnlyWhenAsked()
    {
        // A model trained with --missing error (filling is the default) cannot fill a gap, but it can leave the row out on request.
        string strict = _temp.File("strict.model.json");
        Assert.That(CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--missing", "error", "--save", strict).ExitCode, Is.Zero);
        string rows = _temp.File("gaps.csv", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.2,,4.5,1.5\n6.3,3.3,6.0,2.5\n");

        var refused = CliRun.Of("predict", strict, rows);
        var dropped = CliRun.Of("predict", strict, rows, "--missing", "drop-rows");

        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Error, Does.EndWith("column 2 ('sepal_width'); use --missing drop-rows to leave those rows out; filling them needs a model trained with --missing mean|median\n"));
        Assert.That(dropped.ExitCode, Is.Zero, dropped.ToString());
        // One output row per input row: the row left out keeps its place with empty predictions.
        var lines = dropped.Output.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(4), "header and one row per input row");
        Assert.That(lines[2], Is.EqualTo(",,,"));
        Assert.That(lines[1], Does.Not.StartWith(","));
        Assert.That(lines[3], Does.Not.StartWith(","));
        Assert.That(dropped.Error, Is.EqualTo("predict: 2 predictions; 1 row with a missing value left out (--missing drop-rows): its predictions are empty, so each output row is its input row\n"));
    }

    [Test]
    public void AModelTrainedWithDropRowsDoesNotLeaveOutRowsOfAnotherFileUnasked()
    {
        // Trained with drop-rows, the model has nothing to fill with; predict must not print fewer answers than rows
        // without a word: a gap is an error until drop-rows is asked for again.
        string dropRows = _temp.File("droprows.model.json");
        Assert.That(CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1", "--missing", "drop-rows", "--save", dropRows).ExitCode, Is.Zero);
        string rows = _temp.File("gaps2.csv", "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.2,,4.5,1.5\n6.3,3.3,6.0,2.5\n");

        var refused = CliRun.Of("predict", dropRows, rows);
        var dropped = CliRun.Of("predict", dropRows, rows, "--missing", "drop-rows");

        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.EndWith("column 2 ('sepal_width'); use --missing drop-rows to leave those rows out; filling them needs a model trained with --missing mean|median\n"));
        Assert.That(dropped.ExitCode, Is.Zero, dropped.ToString());
        // One output row per input row: the row left out keeps its place with empty predictions.
        var lines = dropped.Output.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(4), "header and one row per input row");
        Assert.That(lines[2], Is.EqualTo(",,,"));
        Assert.That(lines[1], Does.Not.StartWith(","));
        Assert.That(lines[3], Does.Not.StartWith(","));
        Assert.That(dropped.Error, Is.EqualTo("predict: 2 predictions; 1 row with a missing value left out (--missing drop-rows): its predictions are empty, so each output row is its input row\n"));
    }

    [Test]
    public void PredictWritesLabelAndOneProbabilityPerClassMatchingTheModel()
    {
        string output = _temp.File("predictions.csv");

        var result = CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"), "--out", output);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = File.ReadAllLines(output);
        Assert.That(lines[0], Is.EqualTo("species,p_setosa,p_versicolor,p_virginica"));
        Assert.That(lines, Has.Length.EqualTo(151));

        // The file's numbers are the loaded model's own outputs, to the bit, and the label is the likeliest class.
        var model = ModelSerializer.Load(_model);
        var expected = Predictor.Predict(model.Network, model.Preprocessing, ScoringData.Load(RepoPaths.Data("iris.csv"), model.Preprocessing, withTargets: false).Dataset);
        for (int row = 0; row < 150; row++)
        {
            var fields = lines[row + 1].Split(',');
            var probabilities = fields[1..].Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(probabilities, Is.EqualTo(expected.AsSpan(row * 3, 3).ToArray()), $"row {row}");
            Assert.That(fields[0], Is.EqualTo(model.Preprocessing.ClassNames[Array.IndexOf(probabilities, probabilities.Max())]));
        }
    }

    [Test]
    public void PredictKeepsTheIdColumnAndNeedsNoTarget()
    {
        string input = _temp.File("new.csv");
        var iris = File.ReadAllLines(RepoPaths.Data("iris.csv"));
        // An id first, the features, no species column.
        File.WriteAllLines(input, iris.Take(4).Select((line, i) => (i == 0 ? "sample_id" : $"s{i}") + "," + line[..line.LastIndexOf(',')]));

        var result = CliRun.Of("predict", _model, input);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.That(lines[0], Is.EqualTo("sample_id,species,p_setosa,p_versicolor,p_virginica"));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "s1", "s2", "s3" }));
    }

    [Test]
    public void PredictOnRegressionWritesTheValueInTargetUnits()
    {
        string model = _temp.File("diabetes.json");
        Assert.That(CliRun.Of(RepoPaths.Data("diabetes.csv"), "--epochs", "2", "--save", model).ExitCode, Is.Zero);

        var result = CliRun.Of("predict", model, RepoPaths.Data("diabetes.csv"));

        var lines = result.Output.TrimEnd().Split('\n');
        Assert.That(lines[0], Is.EqualTo("progression"));
        var values = lines.Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var prep = ModelSerializer.Load(model).Preprocessing;
        // Standardised outputs near 0 land near the target's mean, not near 0.
        Assert.That(values.Average(), Is.EqualTo(prep.TargetMeans[0]).Within(prep.TargetScales[0]));
    }

    [Test]
    public void EvaluateAgreesWithPredict()
    {
        string predictions = _temp.File("for-evaluate.csv");
        Assert.That(CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"), "--out", predictions).ExitCode, Is.Zero);
        var truth = File.ReadAllLines(RepoPaths.Data("iris.csv")).Skip(1).Select(l => l.Split(',')[^1]).ToArray();
        var predicted = File.ReadAllLines(predictions).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        double accuracy = truth.Zip(predicted).Count(p => p.First == p.Second) / 150.0;
        int setosaAsSetosa = truth.Zip(predicted).Count(p => p is ("setosa", "setosa"));

        var result = CliRun.Of("evaluate", _model, RepoPaths.Data("iris.csv"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:0.0000}")));
        Assert.That(result.Output, Does.Contain("confusion matrix").And.Contain("precision"));
        var setosaRow = result.Output.Split('\n').First(l => l.StartsWith("setosa ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(int.Parse(setosaRow[1], CultureInfo.InvariantCulture), Is.EqualTo(setosaAsSetosa));
    }

    [Test]
    public void EvaluatesBalancedAccuracyAndMacroF1AgreeWithPredictsLabels()
    {
        string predictions = _temp.File("for-balanced.csv");
        Assert.That(CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"), "--out", predictions).ExitCode, Is.Zero);
        var truth = File.ReadAllLines(RepoPaths.Data("iris.csv")).Skip(1).Select(l => l.Split(',')[^1]).ToArray();
        var predicted = File.ReadAllLines(predictions).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        string[] classes = ["setosa", "versicolor", "virginica"];
        // By the definitions: mean recall over the true classes; mean of 2·TP / (predicted + actual) over the classes.
        double balanced = classes.Average(c => (double)truth.Zip(predicted).Count(p => p.First == c && p.Second == c) / truth.Count(t => t == c));
        double macroF1 = classes.Where(c => truth.Contains(c) || predicted.Contains(c))
            .Average(c => 2.0 * truth.Zip(predicted).Count(p => p.First == c && p.Second == c) / (truth.Count(t => t == c) + predicted.Count(p => p == c)));

        var result = CliRun.Of("evaluate", _model, RepoPaths.Data("iris.csv"));

        Assert.That(result.Output, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"balanced_accuracy {balanced:0.0000}  macro_f1 {macroF1:0.0000}")));
    }

    [Test]
    public void EvaluatePrintsRegressionErrorsInTargetUnitsAsPredictsValuesGiveThem()
    {
        string model = _temp.File("diabetes-errors.json");
        Assert.That(CliRun.Of(RepoPaths.Data("diabetes.csv"), "--epochs", "3", "--save", model).ExitCode, Is.Zero);
        string predictions = _temp.File("diabetes-predictions.csv");
        Assert.That(CliRun.Of("predict", model, RepoPaths.Data("diabetes.csv"), "--out", predictions).ExitCode, Is.Zero);
        var truth = File.ReadAllLines(RepoPaths.Data("diabetes.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).ToArray();
        var predicted = File.ReadAllLines(predictions).Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        double rmse = Math.Sqrt(truth.Zip(predicted).Average(p => (p.First - p.Second) * (p.First - p.Second)));
        double mae = truth.Zip(predicted).Average(p => Math.Abs(p.First - p.Second));

        var result = CliRun.Of("evaluate", model, RepoPaths.Data("diabetes.csv"));

        var figures = System.Text.RegularExpressions.Regex.Match(result.Output, @"rmse (\S+)  mae (\S+) \(in the target's units\)");
        Assert.That(figures.Success, Is.True, result.ToString());
        // The errors are float32 outputs in standard units scaled back; agreement to 1e-4 relative.
        Assert.That(double.Parse(figures.Groups[1].Value, CultureInfo.InvariantCulture), Is.EqualTo(rmse).Within(1e-4 * rmse));
        Assert.That(double.Parse(figures.Groups[2].Value, CultureInfo.InvariantCulture), Is.EqualTo(mae).Within(1e-4 * mae));
    }

    [Test]
    public void EvaluateWithoutTheTargetColumnSaysSo()
    {
        string input = _temp.File("no-target.csv");
        File.WriteAllLines(input, File.ReadAllLines(RepoPaths.Data("iris.csv")).Take(3).Select(l => l[..l.LastIndexOf(',')]));

        var result = CliRun.Of("evaluate", _model, input);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith($"error: {input}: there is no target column 'species'"));
    }

    [Test]
    public void ADamagedModelIsOneLineAndExitCode2()
    {
        string damaged = _temp.File("damaged.json");
        File.WriteAllText(damaged, File.ReadAllText(_model)[..500]);

        var result = CliRun.Of("predict", damaged, RepoPaths.Data("iris.csv"));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error.TrimEnd(), Does.Contain("damaged model file").And.Not.Contain("\n"));
    }

    [Test]
    public void WithoutSaveTheModelGoesToRunsAndThePathIsPrinted()
    {
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _temp.Path;
        try
        {
            var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "1");

            string saved = result.Output.Split('\n').Single(l => l.StartsWith("model saved to ", StringComparison.Ordinal))["model saved to ".Length..];
            Assert.That(saved, Does.Match(@"^runs/iris-\d{8}-\d{6}-\d{3}\.model\.json$"));
            Assert.That(ModelSerializer.Load(saved).Preprocessing.TargetNames, Is.EqualTo(new[] { "species" }));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }
}
