using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>With no flags the trainer picks its settings from the size of the data and says so; a given option is
/// never overridden.</summary>
[NonParallelizable] // each run makes the startup BLAS choice that the layers it builds are given
public class DefaultsTests
{
    [Test]
    public void NoFlagsPickTheRecipeForTheDataAndSayWhy()
    {
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--blas", "managed", "--save", Path.Combine(Path.GetTempPath(), $"nn-{Guid.NewGuid():N}.json"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Line("picked: batch"), Is.EqualTo("picked: batch 32: 120 training rows"));
            Assert.That(run.Line("picked: hidden"), Is.EqualTo("picked: hidden 256,128: 120 training rows, under 10,000"));
            Assert.That(run.Line("picked: AdamW"), Is.EqualTo("picked: AdamW lr 0.003: batch 32, 4 inputs"));
            Assert.That(run.Line("picked: decoupled"), Is.EqualTo("picked: decoupled weight decay 1: 120 training rows"));
            Assert.That(run.Line("picked: early stopping"), Is.EqualTo("picked: early stopping after 50 epochs without a val_loss 0.1 % below the best: 4 steps per epoch"));
            Assert.That(run.Line("optimizer: "), Does.StartWith("optimizer: AdamW lr 0.003, betas 0.9/0.999, decoupled weight decay 1; batch 32; 500 epochs; early stopping after 50 epochs without a val_loss 0.1 % below the best"));
            // An ensemble of five fold members, each stopping early on its own fold and keeping its best epoch.
            Assert.That(run.Line("picked: ensemble"), Is.EqualTo("picked: ensemble of 5: 150 rows, under 10,000"));
            Assert.That(run.Output, Does.Match(@"\nmember 5/5: epoch \d+ of \d+ kept: val_loss"));
        });
    }

    [Test]
    public void AGivenOptionIsNeverOverriddenAndSaysNothing()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--optimizer", "adam", "--batch-size", "8", "--epochs", "2", "--patience", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Output, Does.Not.Contain("picked: batch").And.Not.Contain("picked: hidden").And.Not.Contain("picked: early stopping").And.Not.Contain("picked: AdamW"));
            // adam chosen by name keeps the fixed rate and decay; --patience 0 turns early stopping off.
            Assert.That(run.Line("optimizer: "), Is.EqualTo("optimizer: Adam lr 0.01, betas 0.9/0.999, weight decay 0.02; batch 8; 2 epochs"));
        });
    }

    [Test]
    public void WithoutAValidationSplitNothingWatchesIt()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--val-split", "0", "--epochs", "2");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Output, Does.Not.Contain("early stopping").And.Not.Contain("picked: constant lr"));
        });
    }

    [Test]
    public void BalancedClassWeightsComeFromTheTrainingSplitsCounts()
    {
        // 80 / 16 / 4 rows; the stratified 20 % validation split keeps 64 / 13 / 3 for training (80 rows), so the
        // weights are 80 / (3·64), 80 / (3·13), 80 / (3·3), not the whole file's 100 / (3·80) … .
        using var temp = new TempFolder();
        var lines = new List<string> { "x,y" };
        var random = new Random(5);
        foreach (var (label, count) in new[] { ("a", 80), ("b", 16), ("c", 4) })
        {
            for (int i = 0; i < count; i++)
                lines.Add(FormattableString.Invariant($"{random.NextDouble():0.000},{label}"));
        }
        string path = temp.File("imbalanced.csv");
        File.WriteAllLines(path, lines);

        var weighted = CliRun.Train(path, "--class-weight", "balanced");
        var plain = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(weighted.ExitCode, Is.Zero, weighted.ToString());
            Assert.That(weighted.Line("class weights"), Is.EqualTo("class weights (balanced, from the training split): a 0.417, b 2.051, c 8.889"));
            Assert.That(plain.Output, Does.Not.Contain("class weights"));
            // The weights scale the training loss only: the first epoch's training loss differs, the validation loss is the plain log-loss.
            Assert.That(weighted.EpochRows[0], Is.Not.EqualTo(plain.EpochRows[0]));
        });
    }

    [Test]
    public void CrossValidationPrintsEachFoldAndTheMeanThenTrainsTheModel()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--cv", "5", "--epochs", "3");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Line("cross-validation: "), Does.StartWith("cross-validation: 5 stratified folds of 150 rows (seed 1), preprocessing fitted per fold"));
            for (int k = 1; k <= 5; k++)
                Assert.That(run.Line($"fold {k}/5: "), Does.Match($@"^fold {k}/5: 30 held out, 3 epochs: loss \d\.\d{{4}}  acc \d\.\d{{4}}  balanced_acc \d\.\d{{4}}  macro_f1 \d\.\d{{4}}$"));
            Assert.That(run.Line("cross-validation mean"), Does.Match(@"^cross-validation mean ± std over 5 folds: acc \d\.\d{4} ± \d\.\d{4}  balanced_acc .* log_loss \d\.\d{4} ± \d\.\d{4} \(\d+\.\d s\)$"));
            Assert.That(run.Output, Does.Contain("model saved to"));
        });
    }

    [Test]
    public void CrossValidationDoesNotContinueAResumedModel()
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", model).ExitCode, Is.Zero);

        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--resume", model, "--cv", "3", "--save", temp.File("again.json"));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo("error: --cv cross-validates the recipe on fresh weights; it cannot continue a --resume model\n"));
        });
    }

    [Test]
    public void CrossValidationNeedsKRowsOfEveryClass()
    {
        using var temp = new TempFolder();
        string path = temp.File("few.csv", "x,y\n1,a\n2,a\n3,a\n4,b\n5,b\n6,a\n");

        var run = CliRun.Train(path, "--cv", "3");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}: --cv 3 needs at least 3 rows of every class; the smallest class has 2\n"));
        });
    }
}
