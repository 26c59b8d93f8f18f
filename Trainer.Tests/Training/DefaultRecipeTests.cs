using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class DefaultRecipeTests
{
    [Test]
    public void AFewHundredRowsGetAWideStronglyRegularisedNetworkAndLongPatience()
    {
        // iris after the validation split: 96 rows, 4 inputs, 3 classes; 3 steps per epoch.
        var recipe = DefaultRecipe.For(96, 4, 3);

        Assert.Multiple(() =>
        {
            Assert.That(recipe.BatchSize, Is.EqualTo(32));
            Assert.That(recipe.Hidden, Is.EqualTo(new[] { 256, 128 }), "no narrower for 4 inputs");
            Assert.That(recipe.Reasons["hidden"], Is.EqualTo("hidden 256,128: 96 training rows, under 10,000"));
            Assert.That(recipe.LearningRate, Is.EqualTo(0.003));
            Assert.That(recipe.WeightDecay, Is.EqualTo(1.0), "1,000 / 96, capped at 1");
            Assert.That(recipe.Patience, Is.EqualTo(50), "2,000 steps / 3 per epoch, capped at 50");
            Assert.That(recipe.LearningRatePatience, Is.Null, "no rate drops on fewer than 10,000 rows");
            Assert.That(recipe.Epochs, Is.EqualTo(500));
            Assert.That(recipe.Reasons["batch"], Is.EqualTo("batch 32: 96 training rows"));
        });
    }

    [Test]
    public void SixtyThousandImagesGetAWideNetworkLargeBatchesAndAnEpochBudget()
    {
        // Fashion-MNIST after the validation split: 48,000 rows, 784 inputs, 10 classes.
        var recipe = DefaultRecipe.For(48_000, 784, 10);

        Assert.Multiple(() =>
        {
            Assert.That(recipe.BatchSize, Is.EqualTo(256), "48,000 / 100 = 480, capped at 256");
            Assert.That(recipe.Hidden, Is.EqualTo(new[] { 256, 128 }), "1,024 / 2, capped at 256");
            Assert.That(recipe.LearningRate, Is.EqualTo(0.0024), "0.003 · √(256/32) · √(64/784) = 0.002424");
            Assert.That(recipe.WeightDecay, Is.EqualTo(0.1), "1,000 / 48,000, raised to 0.1");
            Assert.That(recipe.Patience, Is.EqualTo(10), "2,000 / 188 steps per epoch");
            Assert.That(recipe.LearningRatePatience, Is.EqualTo(3));
            // 784·256 + 256·128 + 128·10 = 234,752 weights; 3·10¹¹ / (48,000 · 234,752) = 26.6.
            Assert.That(recipe.Epochs, Is.EqualTo(26));
            Assert.That(recipe.Reasons["batch"], Is.EqualTo("batch 256: 48,000 training rows"));
            Assert.That(recipe.Reasons["hidden"], Is.EqualTo("hidden 256,128: 784 inputs"));
        });
    }

    [Test]
    public void ManyRowsOfFewInputsKeepTheNarrowNetworkAndAFasterRate()
    {
        var recipe = DefaultRecipe.For(64_000, 30, 5);

        Assert.Multiple(() =>
        {
            Assert.That(recipe.Hidden, Is.EqualTo(new[] { 64, 32 }));
            Assert.That(recipe.LearningRate, Is.EqualTo(0.0085), "0.003 · √8");
            Assert.That(recipe.WeightDecay, Is.EqualTo(0.1));
            Assert.That(recipe.Epochs, Is.EqualTo(500));
        });
    }

    [Test]
    public void MoreRowsNeverMeanSmallerBatchesOrMoreDecay()
    {
        var recipes = new[] { 50, 300, 1_000, 5_000, 20_000, 100_000, 1_000_000 }.Select(rows => DefaultRecipe.For(rows, 20, 2)).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(recipes.Select(r => r.BatchSize), Is.Ordered);
            Assert.That(recipes.Select(r => r.WeightDecay), Is.Ordered.Descending);
            Assert.That(recipes.Select(r => r.Epochs), Is.Ordered.Descending);
        });
    }

    [Test]
    public void ThousandsOfRowsGetLighterDecay()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DefaultRecipe.For(500, 20, 2).WeightDecay, Is.EqualTo(1.0), "1,000 / 500, capped at 1");
            Assert.That(DefaultRecipe.For(4_000, 20, 2).WeightDecay, Is.EqualTo(0.25), "1,000 / 4,000");
            Assert.That(DefaultRecipe.For(4_000, 20, 2).Reasons["weight decay"], Is.EqualTo("decoupled weight decay 0.25: 4,000 training rows"));
        });
    }

    [TestCase(24, 4, 1, "one network: 24 rows are too few for 5 folds of 5")]
    [TestCase(25, 2, 5, "ensemble of 5: 25 rows, under 10,000")]
    [TestCase(9_999, 2, 5, "ensemble of 5: 9,999 rows, under 10,000")]
    [TestCase(10_000, 2, 2, "ensemble of 2: 10,000 rows, from 10,000: one member per worker")]
    [TestCase(60_000, 8, 5, "ensemble of 5: 60,000 rows, from 10,000: one member per worker")]
    [TestCase(60_000, 1, 1, "one network: 60,000 rows, from 10,000, and 1 worker")]
    public void MembersFollowTheRowsAndTheWorkers(int rows, int workers, int members, string reason) =>
        Assert.That(DefaultRecipe.Members(rows, workers), Is.EqualTo((members, reason)));
}
