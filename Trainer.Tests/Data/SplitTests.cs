using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public class SplitTests
{
    [Test]
    public void StratifiedSplitKeepsEachClassShare()
    {
        int[] labels = [.. Enumerable.Repeat(0, 50), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 20)];
        var (train, validation) = Split.Rows(labels.Length, 0.2, new Random(4), labels);

        Assert.That(validation.Count(i => labels[i] == 0), Is.EqualTo(10));
        Assert.That(validation.Count(i => labels[i] == 1), Is.EqualTo(6));
        Assert.That(validation.Count(i => labels[i] == 2), Is.EqualTo(4));
        Assert.That(train.Concat(validation).Order(), Is.EqualTo(Enumerable.Range(0, labels.Length)));
    }

    [Test]
    public void TheSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne()
    {
        var a = Split.Rows(100, 0.3, new Random(1), null);
        var b = Split.Rows(100, 0.3, new Random(1), null);
        var c = Split.Rows(100, 0.3, new Random(2), null);
        Assert.That(b.Validation, Is.EqualTo(a.Validation));
        Assert.That(c.Validation, Is.Not.EqualTo(a.Validation));
        Assert.That(a.Validation, Has.Length.EqualTo(30));
    }

    [Test]
    public void EveryClassKeepsATrainingRow()
    {
        int[] labels = [0, 1, 1, 1];
        var (train, _) = Split.Rows(labels.Length, 0.9, new Random(1), labels);
        Assert.That(train.Select(i => labels[i]).Distinct().Order(), Is.EqualTo(new[] { 0, 1 }));
    }

    /// <summary>The split is what it always was for a seed (grouped by GroupBy, sorted after): saved runs and their
    /// records stay reproducible, whatever way the rows are grouped and read off.</summary>
    [Test]
    public void TheSplitOfASeedIsTheOneGroupByAndSortGave()
    {
        var random = new Random(3);
        int[] labels = [.. Enumerable.Range(0, 5000).Select(_ => random.Next(7) * 3 + 2)];
        var (train, validation) = Split.Rows(labels.Length, 0.2, new Random(11), labels);

        var reference = new Random(11);
        var (expectedTrain, expectedValidation) = (new List<int>(), new List<int>());
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()))
        {
            reference.Shuffle(group);
            int take = Math.Min((int)Math.Round(group.Length * 0.2), group.Length - 1);
            expectedValidation.AddRange(group[..take]);
            expectedTrain.AddRange(group[take..]);
        }

        Assert.Multiple(() =>
        {
            Assert.That(train, Is.EqualTo(expectedTrain.Order()));
            Assert.That(validation, Is.EqualTo(expectedValidation.Order()));
        });
    }
}
