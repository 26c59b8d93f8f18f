using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class ClassMetricsTests
{
    // Worked by hand (and checked against scikit-learn 1.2): recalls 2/4, 2/2, 2/4 → balanced accuracy 2/3;
    // per class 2·TP / (predicted + actual) = 4/7, 4/6, 4/7 → macro-F1 (4/7 + 2/3 + 4/7) / 3 = 0.6031746…
    private static readonly int[] Truth = [0, 0, 0, 0, 1, 1, 2, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 2, 1, 1, 2, 2, 0, 1];

    [Test]
    public void BalancedAccuracyIsTheMeanRecall()
    {
        var matrix = new ConfusionMatrix(3, Truth, Predicted);

        Assert.That(ClassMetrics.BalancedAccuracy(matrix), Is.EqualTo(2.0 / 3).Within(1e-12));
    }

    [Test]
    public void MacroF1IsTheMeanOfThePerClassF1()
    {
        var matrix = new ConfusionMatrix(3, Truth, Predicted);

        Assert.That(ClassMetrics.MacroF1(matrix), Is.EqualTo((4.0 / 7 + 2.0 / 3 + 4.0 / 7) / 3).Within(1e-12));
    }

    [Test]
    public void AClassAbsentFromTheTruthCountsInMacroF1OnlyWhenPredicted()
    {
        // Four classes; class 2 is neither true nor predicted (left out of both), class 3 is predicted once but never
        // true: its F1 is 0 in macro-F1, and it has no recall to average. scikit-learn: 0.75 and 0.5555….
        var matrix = new ConfusionMatrix(4, [0, 0, 1, 1], [0, 3, 1, 1]);

        Assert.Multiple(() =>
        {
            Assert.That(ClassMetrics.BalancedAccuracy(matrix), Is.EqualTo(0.75).Within(1e-12));
            Assert.That(ClassMetrics.MacroF1(matrix), Is.EqualTo((2.0 / 3 + 1 + 0) / 3).Within(1e-12));
        });
    }

    [Test]
    public void AConstantPredictionOfTheMajorityScoresOneOverKBalanced()
    {
        // 90/8/2 and always the first class: accuracy 0.9, balanced accuracy 1/3.
        int[] truth = [.. Enumerable.Repeat(0, 90), .. Enumerable.Repeat(1, 8), .. Enumerable.Repeat(2, 2)];
        var matrix = new ConfusionMatrix(3, truth, new int[100]);

        Assert.That(ClassMetrics.BalancedAccuracy(matrix), Is.EqualTo(1.0 / 3).Within(1e-12));
    }
}
