using System.Globalization;
using System.Text.RegularExpressions;
using NeuralNet.Cli;
using NeuralNet.Models;
using NeuralNet.Training;

namespace NeuralNet.Tests.Cli;

/// <summary>What a training run writes into its model file's <c>run</c> record: the class weighting and weights, the
/// --cv folds, the picked defaults; and how --resume and evaluate use the recorded weighting.</summary>
public partial class RunRecordTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    /// <summary>80 / 16 / 4 rows of classes a, b, c: the stratified 20 % validation split keeps 64 / 13 / 3 for training.</summary>
    private string Imbalanced()
    {
        var lines = new List<string> { "x,y" };
        var random = new Random(5);
        foreach (var (label, count) in new[] { ("a", 80), ("b", 16), ("c", 4) })
        {
            for (int i = 0; i < count; i++)
                lines.Add(FormattableString.Invariant($"{random.NextDouble():0.000},{label}"));
        }
        string path = _temp.File("imbalanced.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private CliRun TrainTo(string model, params string[] args)
    {
        var run = CliRun.Train([.. args, "--save", model]);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return run;
    }

    [Test]
    public void BalancedWeightsAreRecordedByClassNameAsCountedOnTheTrainingSplit()
    {
        string model = _temp.File("m.json");
        TrainTo(model, Imbalanced(), "--class-weight", "balanced");

        var run = ModelSerializer.Load(model).Run!;

        Assert.Multiple(() =>
        {
            Assert.That(run.ClassWeight, Is.EqualTo(ClassWeighting.Balanced));
            // 80 training rows: 80 / (3·64), 80 / (3·13), 80 / (3·3), not the whole file's 100 / (3·80) … .
            Assert.That(run.ClassWeights, Is.EqualTo(new Dictionary<string, double> { ["a"] = 80.0 / (3 * 64), ["b"] = 80.0 / (3 * 13), ["c"] = 80.0 / (3 * 3) }));
        });
    }

    [Test]
    public void AnUnweightedClassifierRecordsNoneAndARegressionModelNoWeighting()
    {
        string classifier = _temp.File("c.json"), regression = _temp.File("r.json");
        TrainTo(classifier, Imbalanced());
        TrainTo(regression, RepoPaths.Data("diabetes.csv"));

        var classes = ModelSerializer.Load(classifier).Run!;
        var values = ModelSerializer.Load(regression).Run!;

        Assert.Multiple(() =>
        {
            Assert.That(classes.ClassWeight, Is.EqualTo(ClassWeighting.None));
            Assert.That(classes.ClassWeights, Is.Null);
            Assert.That(values.ClassWeight, Is.Null, "class weights do not apply to regression");
            Assert.That(values.ClassWeights, Is.Null);
        });
    }

    [Test]
    public void AResumedRunKeepsTheRecordedWeightingUnlessGiven()
    {
        string path = Imbalanced();
        string first = _temp.File("first.json"), kept = _temp.File("kept.json"), dropped = _temp.File("dropped.json");
        TrainTo(first, path, "--class-weight", "balanced");

        var keeping = TrainTo(kept, path, "--resume", first);
        var dropping = TrainTo(dropped, path, "--resume", first, "--class-weight", "none");

        Assert.Multiple(() =>
        {
            Assert.That(keeping.Line("class weights"), Is.EqualTo("class weights (balanced as the resumed model was, from the training split): a 0.417, b 2.051, c 8.889"));
            Assert.That(ModelSerializer.Load(kept).Run!.ClassWeights, Is.EqualTo(ModelSerializer.Load(first).Run!.ClassWeights), "the same file and seed count the same weights");
            Assert.That(ModelSerializer.Load(kept).Run!.ClassWeight, Is.EqualTo(ClassWeighting.Balanced));
            Assert.That(dropping.Output, Does.Not.Contain("class weights"));
            Assert.That(ModelSerializer.Load(dropped).Run!.ClassWeight, Is.EqualTo(ClassWeighting.None));
            Assert.That(ModelSerializer.Load(dropped).Run!.ClassWeights, Is.Null);
        });
    }

    [Test]
    public void AResumedRunWeighsAsTheResumedRunWouldWithoutAModel()
    {
        // Keeping the weighting means the resumed run trains as if --class-weight balanced were given: the same epochs.
        string path = Imbalanced();
        string first = _temp.File("first.json");
        TrainTo(first, path, "--class-weight", "balanced");

        var kept = TrainTo(_temp.File("kept.json"), path, "--resume", first);
        var given = TrainTo(_temp.File("given.json"), path, "--resume", first, "--class-weight", "balanced");
        var unweighted = TrainTo(_temp.File("unweighted.json"), path, "--resume", first, "--class-weight", "none");

        Assert.Multiple(() =>
        {
            Assert.That(kept.Line("weights sha256"), Is.EqualTo(given.Line("weights sha256")));
            Assert.That(kept.Line("weights sha256"), Is.Not.EqualTo(unweighted.Line("weights sha256")));
        });
    }

    [Test]
    public void EvaluateSaysAModelWasTrainedWithBalancedWeights()
    {
        string path = Imbalanced();
        string weighted = _temp.File("w.json"), plain = _temp.File("p.json");
        TrainTo(weighted, path, "--class-weight", "balanced");
        TrainTo(plain, path);

        var withWeights = CliRun.Of("evaluate", weighted, path);
        var without = CliRun.Of("evaluate", plain, path);

        Assert.Multiple(() =>
        {
            Assert.That(withWeights.ExitCode, Is.Zero, withWeights.ToString());
            Assert.That(withWeights.Output.Split('\n')[1], Is.EqualTo("trained with --class-weight balanced: a 0.417, b 2.051, c 8.889 (the figures below weigh every row alike)"));
            Assert.That(without.Output, Does.Not.Contain("class-weight"));
        });
    }

    [Test]
    public void ACrossValidatedModelRecordsItsFoldsAsPrinted()
    {
        string model = _temp.File("cv.json");
        var run = TrainTo(model, RepoPaths.Data("iris.csv"), "--cv", "3", "--epochs", "3");

        var cv = ModelSerializer.Load(model).Run!.CrossValidation!;

        Assert.Multiple(() =>
        {
            Assert.That((cv.K, cv.Stratified, cv.Rows, cv.Metric), Is.EqualTo((3, true, 150, "accuracy")));
            Assert.That(cv.Folds, Has.Count.EqualTo(3));
            for (int k = 0; k < 3; k++)
            {
                var fold = cv.Folds[k];
                var printed = FoldLine().Match(run.Line($"fold {k + 1}/3: "));
                Assert.That(printed.Success, Is.True, run.Line($"fold {k + 1}/3: "));
                Assert.That((fold.HeldOut, fold.Epochs), Is.EqualTo((50, 3)));
                Assert.That(Four(fold.Score.Loss), Is.EqualTo(printed.Groups["loss"].Value));
                Assert.That(Four(fold.Score.Metric), Is.EqualTo(printed.Groups["acc"].Value));
                Assert.That(Four(fold.Score.BalancedAccuracy!.Value), Is.EqualTo(printed.Groups["balanced"].Value));
                Assert.That(Four(fold.Score.MacroF1!.Value), Is.EqualTo(printed.Groups["f1"].Value));
            }
            double mean = cv.Folds.Average(f => f.Score.Metric);
            Assert.That(cv.Mean, Is.EqualTo(mean).Within(1e-12));
            Assert.That(cv.Std, Is.EqualTo(Math.Sqrt(cv.Folds.Sum(f => (f.Score.Metric - mean) * (f.Score.Metric - mean)) / 3)).Within(1e-12));
            Assert.That(run.Line("cross-validation mean"), Does.Contain($"acc {Four(cv.Mean)} ± {Four(cv.Std)}"));
            Assert.That(cv.SavedModel, Is.EqualTo(CrossValidationRun.SavedModel));
        });
    }

    [Test]
    public void ACrossValidatedModelIsTheModelOfTheSameRunWithoutCv()
    {
        // What run.cross_validation.saved_model says: the saved weights are trained exactly as without --cv.
        var withCv = TrainTo(_temp.File("cv.json"), RepoPaths.Data("iris.csv"), "--cv", "3", "--epochs", "3");
        var without = TrainTo(_temp.File("plain.json"), RepoPaths.Data("iris.csv"), "--epochs", "3");

        Assert.Multiple(() =>
        {
            Assert.That(withCv.Line("weights sha256"), Is.EqualTo(without.Line("weights sha256")));
            Assert.That(ModelSerializer.Load(_temp.File("plain.json")).Run!.CrossValidation, Is.Null);
        });
    }

    [Test]
    public void ThePickedDefaultsThreadsAndBlasAreRecorded()
    {
        string picked = _temp.File("picked.json"), given = _temp.File("given.json");
        var run = TrainTo(picked, RepoPaths.Data("iris.csv"), "--threads", "1");
        TrainTo(given, RepoPaths.Data("iris.csv"), "--patience", "4", "--batch-size", "16");

        var record = ModelSerializer.Load(picked).Run!;
        var withGiven = ModelSerializer.Load(given).Run!;

        Assert.Multiple(() =>
        {
            string[] lines = [.. run.Output.Split('\n').Where(l => l.StartsWith("picked: ", StringComparison.Ordinal)).Select(l => l["picked: ".Length..].TrimEnd('\r'))];
            Assert.That(lines, Is.Not.Empty);
            Assert.That(record.Picked, Is.EqualTo(lines));
            Assert.That(record.MinImprovement, Is.EqualTo(DefaultRecipe.MinImprovement), "the picked patience counts a loss 0.1 % below the best");
            Assert.That(record.Threads, Is.EqualTo(1));
            Assert.That(record.Blas, Is.EqualTo("managed"));
            Assert.That(withGiven.Picked, Has.None.StartsWith("batch"));
            Assert.That(withGiven.Picked, Has.None.StartsWith("early stopping"));
            Assert.That(withGiven.MinImprovement, Is.Zero, "a given --patience counts any lower loss");
        });
    }

    [Test]
    public void AModelSavedBeforeTheWeightingWasRecordedResumesUnweighted()
    {
        string old = Path.Combine(RepoPaths.Root, "Trainer.Tests", "Models", "Fixtures", "iris-format3-e7101ba.model.json");
        string model = _temp.File("resumed.json");

        var run = TrainTo(model, RepoPaths.Data("iris.csv"), "--resume", old, "--hidden", "4", "--epochs", "2");

        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Not.Contain("class weights"));
            Assert.That(ModelSerializer.Load(model).Run!.ClassWeight, Is.EqualTo(ClassWeighting.None));
            Assert.That(ModelSerializer.Load(model).Run!.ResumedFrom, Is.EqualTo(old));
        });
    }

    private static string Four(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^fold \d+/\d+: \d+ held out, \d+ epochs: loss (?<loss>\S+)  acc (?<acc>\S+)  balanced_acc (?<balanced>\S+)  macro_f1 (?<f1>\S+)$")]
    private static partial Regex FoldLine();
}
