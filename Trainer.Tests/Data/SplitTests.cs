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
}
