using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class XorTests
{
    [Test]
    public void AnMlpLearnsXor()
    {
        // XOR is not linearly separable: a model without its hidden ReLU layer cannot get all four right.
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        int[] labels = [0, 1, 1, 0];
        var data = new Dataset(2, 2, inputs, [1, 0, 0, 1, 0, 1, 1, 0], labels);
        var model = Mlp.Build<float>(2, [8], 2, LayerContext<float>.WithChosenGemm(new Random(1)));
        var loss = new SoftmaxCrossEntropy<float>(2);
        var loop = new TrainingLoop(model, loss, new Sgd<float>(0.1f, 0.9f), batchSize: 4, new Random(2));

        var (initialLoss, _) = loop.Evaluate(data);
        for (int epoch = 1; epoch <= 300; epoch++)
            loop.RunEpoch(epoch, data, data);
        var (finalLoss, accuracy) = loop.Evaluate(data);

        Assert.That(accuracy, Is.EqualTo(1.0));
        Assert.That(finalLoss, Is.LessThan(0.05 * initialLoss));
    }
}
