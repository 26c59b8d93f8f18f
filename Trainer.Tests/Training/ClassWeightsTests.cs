using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class ClassWeightsTests
{
    [Test]
    public void BalancedWeightsAreSamplesOverClassesTimesCount()
    {
        // 6, 3 and 1 samples of 10: 10/(3·6), 10/(3·3), 10/(3·1), as scikit-learn's compute_class_weight('balanced').
        int[] labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2];

        Assert.That(ClassWeights.Balanced(labels, 3), Is.EqualTo(new[] { 10.0 / 18, 10.0 / 9, 10.0 / 3 }).Within(1e-12));
    }

    [Test]
    public void EveryClassThenWeighsTheSameInTotal()
    {
        int[] labels = [0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2];
        var weights = ClassWeights.Balanced(labels, 3);

        var totals = Enumerable.Range(0, 3).Select(k => labels.Count(l => l == k) * weights[k]).ToArray();
        Assert.That(totals, Has.All.EqualTo(labels.Length / 3.0).Within(1e-12));
    }

    [Test]
    public void AClassWithoutSamplesGetsZeroAndIsNotCounted()
    {
        Assert.That(ClassWeights.Balanced([0, 0, 2, 2], 3), Is.EqualTo(new[] { 1.0, 0, 1.0 }).Within(1e-12));
    }
}
