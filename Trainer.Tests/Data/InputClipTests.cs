using NeuralNet.Data;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;
using NeuralNet.Tests.Export;

namespace NeuralNet.Tests.Data;

/// <summary>Standardised numeric inputs are clamped to ±<see cref="Preprocessing.DefaultInputClip"/> standard
/// deviations in training and in every file a model scores, with a line saying which columns had such values.</summary>
public class InputClipTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    [Test]
    public void AValueBeyondTheClipIsReadAsTheClipOnEitherSideAndAModelWithoutOneDoesNotClamp()
    {
        // One feature; rows 0-1 train (values 1 and 3: mean 2, scale 1), rows 2-4 scored.
        var raw = new RawData("t.csv", new CsvDialect(',', true, false), 5, [2, 3, 4, 5, 6], [1f, 3f, 100f, -50f, 9f], 1,
            [new RawColumn("f", 0, ColumnKind.Numeric, 0, null)], [new RawColumn("y", 1, ColumnKind.Text, -1, ["a", "b", "a", "b", "a"])], [],
            new DialectChoice(false, false, false), "utf-8", []);
        var prep = Preprocessing.Fit(raw, TaskKind.Classification, raw.Features, [], [0, 1], [0, 1, 2, 3, 4], ["a", "b"], MissingValuePolicy.Error);
        Assert.That(prep.InputClip, Is.EqualTo(Preprocessing.DefaultInputClip));

        var clamped = prep.Apply(raw, [2, 3, 4], UnknownCategoryPolicy.Error);
        Assert.That(new[] { clamped.Sample(0)[0], clamped.Sample(1)[0], clamped.Sample(2)[0] }, Is.EqualTo(new[] { 10f, -10f, 7f }));

        var asSavedBefore = (prep with { InputClip = null }).Apply(raw, [2, 3, 4], UnknownCategoryPolicy.Error);
        Assert.That(new[] { asSavedBefore.Sample(0)[0], asSavedBefore.Sample(1)[0], asSavedBefore.Sample(2)[0] }, Is.EqualTo(new[] { 98f, -52f, 7f }));
    }

    [Test]
    public void TrainingNamesTheColumnsWithClampedValuesAndPredictClampsAFarValueToTheBound()
    {
        string data = _temp.File("outliers.csv", TabularFiles.WithOutliers(300, seed: 5));
        string model = _temp.File("m.json");
        var run = CliRun.Train(data, "--epochs", "5", "--save", model);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output.Split('\n').Where(line => line.StartsWith("clipped:", StringComparison.Ordinal)).ToArray(),
            Is.EqualTo(new[] { "clipped: values more than 10 standard deviations from the training mean are read as 10, so an outlier row cannot dominate the fit: 'x0' 1, 'x1' 1" }));

        // Scored: x0 at 10 standard deviations, at 11 and at 10,000: the same input, so the same prediction.
        var feature = ModelSerializer.Load(model).Preprocessing.Features[0];
        double at10 = feature.Mean + 10 * feature.Scale, at11 = feature.Mean + 11 * feature.Scale, far = feature.Mean + 1e4 * feature.Scale, at5 = feature.Mean + 5 * feature.Scale;
        string scored = _temp.File("scored.csv", FormattableString.Invariant($"x0,x1,kind\n{at10:R},0,a\n{at11:R},0,a\n{far:R},0,a\n{at5:R},0,a\n"));
        var predict = CliRun.Of("predict", model, scored);
        Assert.That(predict.ExitCode, Is.Zero, predict.ToString());
        var values = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        Assert.That(values[1], Is.EqualTo(values[0]));
        Assert.That(values[2], Is.EqualTo(values[0]));
        Assert.That(values[3], Is.Not.EqualTo(values[0]), "inside the bound the value still counts");
    }

    [Test]
    public void AFileWithoutOutliersGetsNoClippedLine()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--epochs", "2", "--save", _temp.File("m.json"));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Not.Contain("clipped:"));
    }
}
