using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

public class FoldsTests
{
    [Test]
    public void EachFoldHoldsEachClassShareToWithinOneRow()
    {
        // 90/8/2 %, as the imbalanced benchmark set: 5 folds of 20 rows with 18, 1–2 and 0–1 of each class.
        int[] labels = [.. Enumerable.Repeat(0, 90), .. Enumerable.Repeat(1, 8), .. Enumerable.Repeat(2, 2)];
        int[] fold = Folds.Assign(labels.Length, 5, new Random(3), labels);

        Assert.Multiple(() =>
        {
            for (int k = 0; k < 5; k++)
            {
                var rows = Enumerable.Range(0, labels.Length).Where(i => fold[i] == k).ToArray();
                Assert.That(rows, Has.Length.EqualTo(20), $"fold {k} size");
                for (int c = 0; c < 3; c++)
                {
                    int count = rows.Count(i => labels[i] == c);
                    int share = labels.Count(l => l == c);
                    Assert.That(count, Is.InRange(share / 5, (share + 4) / 5), $"fold {k}, class {c}");
                }
            }
        });
    }

    [Test]
    public void EveryRowIsHeldOutExactlyOnceAndTheSeedDecides()
    {
        int[] a = Folds.Assign(23, 4, new Random(1), null);
        int[] b = Folds.Assign(23, 4, new Random(1), null);
        int[] c = Folds.Assign(23, 4, new Random(2), null);

        Assert.Multiple(() =>
        {
            Assert.That(a, Has.All.InRange(0, 3));
            Assert.That(a.GroupBy(f => f).Select(g => g.Count()), Is.EquivalentTo(new[] { 6, 6, 6, 5 }));
            Assert.That(b, Is.EqualTo(a));
            Assert.That(c, Is.Not.EqualTo(a));
        });
    }

    [Test]
    public void FewerRowsThanFoldsIsRefused()
    {
        Assert.That(() => Folds.Assign(3, 5, new Random(0), null), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
