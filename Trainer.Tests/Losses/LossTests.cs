using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Tests.Layers;

namespace NeuralNet.Tests.Losses;

public class LossTests
{
    [Test]
    public void SoftmaxCrossEntropyGradientMatchesCentralDifferences()
    {
        var output = Matrix<double>.Build.Random(4, 6, 21);
        var target = OneHot(4, [0, 3, 1, 2, 3, 0]);
        GradientCheck.Loss(new SoftmaxCrossEntropy<double>(4), output, target);
    }

    [Test]
    public void SoftmaxCrossEntropyGradientMatchesCentralDifferencesForSoftTargets()
    {
        var output = Matrix<double>.Build.Random(3, 4, 23);
        var target = Matrix<double>.Build.DenseOfColumnMajor(3, 4, [0.2, 0.5, 0.3, 1, 0, 0, 0, 0.5, 0.5, 0.1, 0.1, 0.8]);
        GradientCheck.Loss(new SoftmaxCrossEntropy<double>(3), output, target);
    }

    [Test]
    public void SmoothedCrossEntropyGradientMatchesCentralDifferences()
    {
        var output = Matrix<double>.Build.Random(4, 6, 29);
        var target = OneHot(4, [0, 3, 1, 2, 3, 0]) * 1.5; // class weights scale a row's target
        GradientCheck.Loss(new SoftmaxCrossEntropy<double>(4, smoothing: 0.1), output, target);
    }

    [Test]
    public void SmoothingIsCrossEntropyAgainstTheSmoothedTarget()
    {
        // ε = 0.2 over 4 classes: the target 1 becomes 0.85 on its class and 0.05 on each other.
        var output = Matrix<double>.Build.Random(4, 3, 31);
        var target = OneHot(4, [2, 0, 1]);
        var smoothed = target * 0.8 + Matrix<double>.Build.Dense(4, 3, 0.05);
        double expected = new SoftmaxCrossEntropy<double>(4).Forward(output, smoothed);
        Assert.That(new SoftmaxCrossEntropy<double>(4, smoothing: 0.2).Forward(output, target), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void NoSmoothingGivesTheSameBitsAsPlainCrossEntropy()
    {
        var output = Matrix<float>.Build.Random(5, 7, 33);
        var target = Matrix<float>.Build.DenseOfColumnMajor(5, 7, [.. OneHot(5, [0, 4, 1, 2, 3, 0, 4]).ToColumnMajorArray().Select(v => (float)v)]);
        var plain = new SoftmaxCrossEntropy<float>(5);
        var zero = new SoftmaxCrossEntropy<float>(5, smoothing: 0);
        Assert.That(zero.Forward(output, target), Is.EqualTo(plain.Forward(output, target)));
        Assert.That(zero.Backward().ToColumnMajorArray(), Is.EqualTo(plain.Backward().ToColumnMajorArray()));
    }

    [Test]
    public void MeanSquaredErrorGradientMatchesCentralDifferences()
    {
        var output = Matrix<double>.Build.Random(2, 5, 25);
        var target = Matrix<double>.Build.Random(2, 5, 27);
        GradientCheck.Loss(new MeanSquaredError<double>(2), output, target);
    }

    [Test]
    public void SoftmaxCrossEntropyIsLogOfTheClassCountForEqualScores()
    {
        var loss = new SoftmaxCrossEntropy<double>(4).Forward(Matrix<double>.Build.Dense(4, 3, 0.7), OneHot(4, [0, 1, 3]));
        Assert.That(loss, Is.EqualTo(Math.Log(4)).Within(1e-12));
    }

    [Test]
    public void SoftmaxCrossEntropyStaysFiniteForHugeScores()
    {
        var output = Matrix<double>.Build.DenseOfColumnMajor(3, 1, [1000, -1000, 0]);
        var loss = new SoftmaxCrossEntropy<double>(3);
        double value = loss.Forward(output, OneHot(3, [1]));
        Assert.That(value, Is.EqualTo(2000).Within(1e-9));
        Assert.That(loss.Backward().Enumerate(), Is.All.Matches<double>(double.IsFinite));
    }

    [Test]
    public void MeanSquaredErrorAveragesOverEveryElement()
    {
        var output = Matrix<double>.Build.DenseOfColumnMajor(2, 2, [1, 2, 3, 4]);
        var target = Matrix<double>.Build.DenseOfColumnMajor(2, 2, [1, 0, 0, 4]);
        Assert.That(new MeanSquaredError<double>(2).Forward(output, target), Is.EqualTo((0 + 4 + 9 + 0) / 4.0));
    }

    /// <summary>The data-parallel step runs the loss on shards of a batch; backward with the whole batch's size must
    /// give exactly the whole batch's gradient columns, so the shards' parameter gradients add up to the batch's.</summary>
    [TestCase("softmax")]
    [TestCase("mse")]
    public void AShardsGradientIsTheWholeBatchsGradientForItsColumns(string kind)
    {
        ILoss<double> Loss() => kind == "mse" ? new MeanSquaredError<double>(3) : new SoftmaxCrossEntropy<double>(3);
        var output = Matrix<double>.Build.Random(3, 7, 31);
        var target = kind == "mse" ? Matrix<double>.Build.Random(3, 7, 33) : OneHot(3, [0, 2, 1, 1, 0, 2, 2]);
        var whole = Loss();
        whole.Forward(output, target);
        var expected = whole.Backward().AsColumnMajorArray();

        var shard = Loss();
        shard.Forward(output.SubMatrix(0, 3, 4, 3), target.SubMatrix(0, 3, 4, 3));
        var actual = shard.Backward(batchSize: 7).AsColumnMajorArray();

        Assert.That(actual, Is.EqualTo(expected[(4 * 3)..]));
        Assert.Throws<ArgumentOutOfRangeException>(() => shard.Backward(batchSize: 2));
    }

    [Test]
    public void ALossWithItsOwnBuffersDoesNotShareThem()
    {
        var first = new SoftmaxCrossEntropy<double>(2);
        var second = first.WithOwnBuffers();
        first.Forward(Matrix<double>.Build.Dense(2, 3, 1.0), OneHot(2, [0, 1, 0]));
        second.Forward(Matrix<double>.Build.Dense(2, 3, 2.0), OneHot(2, [1, 1, 1]));
        Assert.That(second.Backward(), Is.Not.SameAs(first.Backward()));
        Assert.That(first.Backward().AsColumnMajorArray(), Is.EqualTo(new[] { 0.5 - 1, 0.5, 0.5, 0.5 - 1, 0.5 - 1, 0.5 }.Select(v => v / 3)));
    }

    private static Matrix<double> OneHot(int classes, int[] labels)
    {
        var matrix = Matrix<double>.Build.Dense(classes, labels.Length);
        for (int j = 0; j < labels.Length; j++)
            matrix[labels[j], j] = 1;
        return matrix;
    }
}
