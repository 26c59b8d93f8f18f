using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class LearningRateScheduleTests
{
    [Test]
    public void StepMultipliesEveryNEpochs()
    {
        var schedule = new StepSchedule(every: 2, gamma: 0.5);
        double rate = 1;
        var rates = new List<double>();
        for (int epoch = 1; epoch <= 6; epoch++)
            rates.Add(rate = schedule.Next(epoch, 1.0, rate));

        Assert.That(rates, Is.EqualTo(new[] { 1, 0.5, 0.5, 0.25, 0.25, 0.125 }));
    }

    [Test]
    public void PlateauDropsAfterPatienceEpochsWithoutImprovement()
    {
        var schedule = new PlateauSchedule(patience: 2, factor: 0.1);
        double[] losses = [1.0, 0.9, 0.95, 0.92, 0.8, 0.85, 0.85];
        double rate = 1;
        var rates = losses.Select((loss, i) => rate = schedule.Next(i + 1, loss, rate)).ToArray();

        // Epochs 3 and 4 do not beat 0.9: the rate drops after epoch 4; 0.8 is a new best; 6 and 7 do not beat it.
        Assert.That(rates, Is.EqualTo(new[] { 1, 1, 1, 0.1, 0.1, 0.1, 0.1 * 0.1 }).Within(1e-15));
    }

    [Test]
    public void CosineWarmsUpLinearlyThenDecaysTowardsZero()
    {
        var schedule = LearningRateSchedule.For(new LearningRateScheduleSettings(LearningRateScheduleKind.Cosine, WarmupEpochs: 3), epochs: 13);
        var rates = new List<double> { schedule.First(0.4) };
        for (int epoch = 1; epoch < 13; epoch++)
            rates.Add(schedule.Next(epoch, double.NaN, rates[^1]));

        Assert.That(rates.Take(4), Is.EqualTo(new[] { 0.1, 0.2, 0.3, 0.4 }).Within(1e-12));
        // After the warm-up: 0.4 · (1 + cos(π · (e − 4) / 10)) / 2 for e = 4..13.
        for (int e = 4; e <= 13; e++)
            Assert.That(rates[e - 1], Is.EqualTo(0.4 * (1 + Math.Cos(Math.PI * (e - 4) / 10)) / 2).Within(1e-12), $"epoch {e}");
        Assert.That(rates[^1], Is.GreaterThan(0));
        Assert.That(rates.Skip(3), Is.Ordered.Descending);
    }
}
