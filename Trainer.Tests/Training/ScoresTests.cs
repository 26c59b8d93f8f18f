using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class ScoresTests
{
    [Test]
    public void RegressionErrorsAreInTargetUnits()
    {
        // Standardised errors 0.5, −1, 1 with a target standard deviation of 10: 5, −10, 10 in target units.
        // RMSE = √((25 + 100 + 100) / 3) = √75; MAE = (5 + 10 + 10) / 3.
        var scores = Scores.Regression(0.75, 0.9, [0.5f, -1f, 2f], [0f, 0f, 1f], [10f]);

        Assert.Multiple(() =>
        {
            Assert.That(scores.Rmse, Is.EqualTo(Math.Sqrt(75)).Within(1e-9));
            Assert.That(scores.Mae, Is.EqualTo(25.0 / 3).Within(1e-9));
            Assert.That(scores.Metric, Is.EqualTo(0.9));
            Assert.That(scores.BalancedAccuracy, Is.Null);
        });
    }

    [Test]
    public void TwoOutputsAreAveragedAsScikitLearnsUniformAverage()
    {
        // Rows (outputs interleaved): errors (1, 0) and (−1, 2) standardised; scales 2 and 3 → (2, 0) and (−2, 6).
        // MSE per output: (4 + 4) / 2 = 4 and (0 + 36) / 2 = 18 → RMSE √((4 + 18) / 2) = √11;
        // MAE per output: 2 and 3 → 2.5.
        var scores = Scores.Regression(0, 0, [1f, 0f, -1f, 2f], [0f, 0f, 0f, 0f], [2f, 3f]);

        Assert.Multiple(() =>
        {
            Assert.That(scores.Rmse, Is.EqualTo(Math.Sqrt(11)).Within(1e-9));
            Assert.That(scores.Mae, Is.EqualTo(2.5).Within(1e-9));
        });
    }

    [Test]
    public void ClassificationHasAccuracyBalancedAccuracyAndMacroF1()
    {
        var matrix = new ConfusionMatrix(3, [0, 0, 0, 0, 1, 1, 2, 2, 2, 2], [0, 0, 1, 2, 1, 1, 2, 2, 0, 1]);

        var scores = Scores.Classification(0.42, matrix);

        Assert.Multiple(() =>
        {
            Assert.That(scores.Loss, Is.EqualTo(0.42));
            Assert.That(scores.Metric, Is.EqualTo(0.6).Within(1e-12));
            Assert.That(scores.BalancedAccuracy, Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(scores.MacroF1, Is.EqualTo((4.0 / 7 + 2.0 / 3 + 4.0 / 7) / 3).Within(1e-12));
            Assert.That(scores.Rmse, Is.Null);
        });
    }
}
