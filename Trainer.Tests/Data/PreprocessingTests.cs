using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public class PreprocessingTests
{
    [TestCase(new[] { "a", "b", "a" }, TaskKind.Classification)]
    [TestCase(new[] { "0", "1", "2", "1" }, TaskKind.Classification)]
    [TestCase(new[] { "0.5", "1", "2" }, TaskKind.Regression)]
    public void TheTaskFollowsTheTargetValues(string[] targets, TaskKind expected) =>
        Assert.That(TargetAnalysis.DetectTask(Raw(new float[targets.Length], targets), AllRows(targets.Length), null), Is.EqualTo(expected));

    [Test]
    public void ManyDistinctIntegersAreARegressionTarget()
    {
        var targets = Enumerable.Range(0, TargetAnalysis.MaxIntegerClasses + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var raw = Raw(new float[targets.Length], targets);
        Assert.That(TargetAnalysis.DetectTask(raw, AllRows(targets.Length), null), Is.EqualTo(TaskKind.Regression));
        Assert.That(TargetAnalysis.DetectTask(raw, AllRows(targets.Length - 1), null), Is.EqualTo(TaskKind.Classification));
        Assert.That(TargetAnalysis.DetectTask(raw, AllRows(targets.Length), TaskKind.Classification), Is.EqualTo(TaskKind.Classification));
    }

    [Test]
    public void StandardisationUsesTheTrainingRowsOnly()
    {
        // One feature; rows 0-1 train (values 1 and 3), row 2 validation (value 100).
        var raw = Raw([1f, 3f, 100f], ["a", "b", "a"]);
        var classes = TargetAnalysis.ClassNames(raw, AllRows(3));
        var prep = Preprocessing.Fit(raw, TaskKind.Classification, raw.Features, [], [0, 1], AllRows(3), classes, MissingValuePolicy.Error);

        Assert.That(prep.Features[0].Mean, Is.EqualTo(2f));
        Assert.That(prep.Features[0].Scale, Is.EqualTo(1f));
        var validation = (prep with { InputClip = null }).Apply(raw, [2], UnknownCategoryPolicy.Error);
        Assert.That(validation.Sample(0)[0], Is.EqualTo(98f));
        Assert.That(validation.Targets, Is.EqualTo(new[] { 1f, 0f }));
    }

    [Test]
    public void NumericClassesSortNumerically()
    {
        var raw = Raw([0f, 0f, 0f], ["10", "9", "10"]);
        var classes = TargetAnalysis.ClassNames(raw, AllRows(3));
        var prep = Preprocessing.Fit(raw, TaskKind.Classification, raw.Features, [], AllRows(3), AllRows(3), classes, MissingValuePolicy.Error);
        Assert.That(classes, Is.EqualTo(new[] { "9", "10" }));
        Assert.That(raw.Labels(prep.ClassNames, AllRows(3)), Is.EqualTo(new[] { 1, 0, 1 }));
    }

    [Test]
    public void ALabelOutsideTheClassesNamesItsCellWhicheverRowsAreAskedFor()
    {
        var raw = Raw([0f, 0f, 0f], ["a", "b", "c"]);
        string[] classes = ["a", "b"];
        Assert.That(raw.Labels(classes, [0, 1]), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(() => raw.Labels(classes, [1, 2]),
            Throws.TypeOf<InputException>().With.Message.EqualTo("t.csv:4:2: class 'c' in column 'y' was not in the training data; expected one of a, b"));
        // Other class names (another model's) are decoded afresh, not served from the first decoding.
        Assert.That(raw.Labels(["c", "b", "a"], [0, 1, 2]), Is.EqualTo(new[] { 2, 1, 0 }));
    }

    [Test]
    public void RegressionTargetsAreParsedOnceAndABadCellIsNamed()
    {
        var raw = Raw([0f, 0f, 0f], ["1.5", "x", "-2"]);
        Assert.That(raw.TargetValue(0, 0), Is.EqualTo(1.5f));
        Assert.That(raw.TargetValue(2, 0), Is.EqualTo(-2f));
        Assert.That(() => raw.TargetValue(1, 0),
            Throws.TypeOf<InputException>().With.Message.EqualTo("t.csv:3:2: 'x' in target column 'y' is not a finite number; a regression target must be"));
    }

    [Test]
    public void TheMedianBySelectionEqualsTheMedianOfTheSortedValues()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 500; trial++)
        {
            int count = random.Next(1, 60);
            // Few distinct values, so that duplicates of the pivot are common; some missing (NaN) ones left out.
            var values = Enumerable.Range(0, count).Select(_ => random.Next(8) == 0 ? float.NaN : random.Next(-5, 6) * 0.5f).ToArray();
            var raw = Raw(values, [.. Enumerable.Repeat("a", count)]);
            var present = values.Where(v => !float.IsNaN(v)).Order().ToArray();
            float expected = present.Length == 0 ? 0
                : present.Length % 2 == 1 ? present[present.Length / 2] : (present[present.Length / 2 - 1] + present[present.Length / 2]) / 2;
            Assert.That(Preprocessing.Median(raw, raw.Features[0], AllRows(count), new float[count]), Is.EqualTo(expected), $"trial {trial}: {string.Join(' ', values)}");
        }
    }

    private static int[] AllRows(int count) => [.. Enumerable.Range(0, count)];

    /// <summary>A file with one numeric feature 'f' and the target 'y', its rows on lines 2, 3, ...</summary>
    private static RawData Raw(float[] feature, string[] targets) =>
        new("t.csv", new CsvDialect(',', true, false), targets.Length, [.. Enumerable.Range(2, targets.Length)], feature, 1,
            [new RawColumn("f", 0, ColumnKind.Numeric, 0, null)], [new RawColumn("y", 1, ColumnKind.Text, -1, targets)], [], new DialectChoice(false, false, false), "utf-8", []);
}
