using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public class PreprocessingTests
{
    [TestCase(new[] { "a", "b", "a" }, TaskKind.Classification)]
    [TestCase(new[] { "0", "1", "2", "1" }, TaskKind.Classification)]
    [TestCase(new[] { "0.5", "1", "2" }, TaskKind.Regression)]
    public void TheTaskFollowsTheTargetValues(string[] targets, TaskKind expected) =>
        Assert.That(Preprocessing.DetectTask(targets, null), Is.EqualTo(expected));

    [Test]
    public void ManyDistinctIntegersAreARegressionTarget()
    {
        var targets = Enumerable.Range(0, Preprocessing.MaxIntegerClasses + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.That(Preprocessing.DetectTask(targets, null), Is.EqualTo(TaskKind.Regression));
        Assert.That(Preprocessing.DetectTask(targets[..^1], null), Is.EqualTo(TaskKind.Classification));
        Assert.That(Preprocessing.DetectTask(targets, TaskKind.Classification), Is.EqualTo(TaskKind.Classification));
    }

    [Test]
    public void StandardisationUsesTheTrainingRowsOnly()
    {
        // One feature; rows 0-1 train (values 1 and 3), row 2 validation (value 100).
        var raw = new RawData("t.csv", ["f"], "y", [1f, 3f, 100f], ["a", "b", "a"], [2, 3, 4]);
        var (classes, labels) = Preprocessing.EncodeClasses(raw);
        var prep = Preprocessing.Fit(raw, TaskKind.Classification, [0, 1], classes, null);

        Assert.That(prep.FeatureMeans[0], Is.EqualTo(2f));
        Assert.That(prep.FeatureScales[0], Is.EqualTo(1f));
        var validation = prep.Apply(raw, [2], labels, null);
        Assert.That(validation.Features[0], Is.EqualTo(98f));
        Assert.That(validation.Targets, Is.EqualTo(new[] { 1f, 0f }));
    }

    [Test]
    public void NumericClassesSortNumerically()
    {
        var raw = new RawData("t.csv", ["f"], "y", [0f, 0f, 0f], ["10", "9", "10"], [2, 3, 4]);
        var (classes, labels) = Preprocessing.EncodeClasses(raw);
        Assert.That(classes, Is.EqualTo(new[] { "9", "10" }));
        Assert.That(labels, Is.EqualTo(new[] { 1, 0, 1 }));
    }
}
