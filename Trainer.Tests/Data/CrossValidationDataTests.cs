using NeuralNet.Data;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

public class CrossValidationDataTests
{
    [Test]
    public void EachFoldFitsThePreprocessingOnItsOwnTrainingRowsOnly()
    {
        using var temp = new TempFolder();
        // x grows with the row, so every fold's training mean differs from the whole file's.
        var rows = Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{i * i},{(i % 2 == 0 ? "even" : "odd")},{(i % 4 < 2 ? "p" : "q")}"));
        string path = temp.File("folds.csv");
        File.WriteAllLines(path, ["x,parity,y", .. rows]);

        var data = CrossValidationData.Load(path, null, null, 4, new Random(7), DataOptions.Default);

        Assert.Multiple(() =>
        {
            for (int k = 0; k < 4; k++)
            {
                var heldOut = data.HeldOut(k).ToHashSet();
                double expected = Enumerable.Range(0, 40).Where(i => !heldOut.Contains(i)).Average(i => (double)i * i);
                var (prep, train, validation, test) = data.Fold(k, 0, new Random(1));
                Assert.That(prep.Features[0].Mean, Is.EqualTo(expected).Within(1e-9), $"fold {k}: x's mean over the other folds");
                Assert.That(train.Count + test.Count, Is.EqualTo(40));
                Assert.That(test.Count, Is.EqualTo(10));
                Assert.That(validation.Count, Is.Zero);
                // Stratified: 5 of each class held out.
                Assert.That(test.Labels!.Count(l => l == 0), Is.EqualTo(5), $"fold {k}");
            }
        });
    }

    [Test]
    public void TheFoldsKeepAColumnThatCategoricalNamesAsTrainingDoes()
    {
        using var temp = new TempFolder();
        // 'code' is a different text on every row: ID-like, so screened out, unless --categorical keeps it, in the
        // folds as in a plain training run.
        var rows = Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{i},c{i},{(i % 2 == 0 ? "p" : "q")}"));
        string path = temp.File("codes.csv");
        File.WriteAllLines(path, ["x,code,y", .. rows]);
        // Every held-out code is unseen by its fold, as the trainer's default allows.
        var plain = DataOptions.Default with { UnknownCategory = UnknownCategoryPolicy.Ignore };
        var keep = plain with { Categorical = ["code"] };

        var screened = CrossValidationData.Load(path, null, null, 4, new Random(7), plain).Fold(0, 0, new Random(1)).Preprocessing;
        var kept = CrossValidationData.Load(path, null, null, 4, new Random(7), keep).Fold(0, 0, new Random(1)).Preprocessing;
        var trained = PreparedData.Load(path, null, null, 0.25, new Random(7), keep).Preprocessing;

        Assert.That(screened.FeatureNames, Is.EqualTo(new[] { "x" }));
        Assert.That(kept.FeatureNames, Is.EqualTo(trained.FeatureNames));
        Assert.That(kept.FeatureNames, Does.Contain("code"));
    }

    [Test]
    public void ACategorySeenOnlyInTheHeldOutFoldIsUnknownToThatFold()
    {
        using var temp = new TempFolder();
        // 'rare' appears once: the fold that holds that row out must not know the category.
        string path = temp.File("rare.csv");
        File.WriteAllLines(path, ["colour,y", .. Enumerable.Range(0, 20).Select(i => $"{(i == 3 ? "rare" : i % 2 == 0 ? "red" : "blue")},{(i % 2 == 0 ? "a" : "b")}")]);
        var data = CrossValidationData.Load(path, null, null, 2, new Random(3), DataOptions.Default with { UnknownCategory = UnknownCategoryPolicy.Ignore });

        int fold = Enumerable.Range(0, 2).Single(k => data.HeldOut(k).Contains(3));
        var (prep, _, _, _) = data.Fold(fold, 0, new Random(1));
        var (other, _, _, _) = data.Fold(1 - fold, 0, new Random(1));

        Assert.That(prep.Features[0].Categories, Is.EqualTo(new[] { "blue", "red" }));
        Assert.That(other.Features[0].Categories, Is.EqualTo(new[] { "blue", "rare", "red" }));
    }
}
