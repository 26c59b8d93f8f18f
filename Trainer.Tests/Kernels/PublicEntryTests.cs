using NeuralNet.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>The public float and double entry points reach the right kernel with the right parameters.</summary>
public class PublicEntryTests
{
    private const int Length = 1003;

    [Test]
    public void FloatEntryPointsMatchTheirReferences()
    {
        float[] x = SpecialValues.Planted(Length, 21, 0.5f);
        float[] dy = SpecialValues.Planted(Length, 22, 0.5f);
        float[] actual = new float[Length];
        float[] expected = new float[Length];

        Activations.Relu(x, actual);
        ReluOperator<float>.Reference(x, expected);
        SpecialValues.AssertBitIdentical<float>(actual, expected, "Relu");

        Activations.ReluBackward(x, dy, actual);
        ReluBackwardOperator<float>.Reference(x, dy, expected);
        SpecialValues.AssertBitIdentical<float>(actual, expected, "ReluBackward");

        Activations.GeneralizedRelu(x, actual, 0.5f, -0.2f, 3f);
        GeneralizedReluOperator<float>.Reference(x, expected, 0.5f, -0.2f, 3f);
        SpecialValues.AssertBitIdentical<float>(actual, expected, "GeneralizedRelu");

        Activations.GeneralizedReluBackward(x, dy, actual, 0.5f, -0.2f, 3f);
        GeneralizedReluBackwardOperator<float>.Reference(x, dy, expected, 0.5f, -0.2f, 3f);
        SpecialValues.AssertBitIdentical<float>(actual, expected, "GeneralizedReluBackward");

        Activations.LeakyRelu(x, actual, 0.01f);
        GeneralizedReluOperator<float>.Reference(x, expected, 0f, 0.01f, 1f);
        SpecialValues.AssertBitIdentical<float>(actual, expected, "LeakyRelu");

        Activations.LeakyReluBackward(x, dy, actual, 0.01f);
        GeneralizedReluBackwardOperator<float>.Reference(x, dy, expected, 0f, 0.01f, 1f);
        SpecialValues.AssertBitIdentical<float>(actual, expected, "LeakyReluBackward");
    }

    [Test]
    public void DoubleEntryPointsMatchTheirReferences()
    {
        double[] x = SpecialValues.Planted(Length, 31, 0.5);
        double[] dy = SpecialValues.Planted(Length, 32, 0.5);
        double[] actual = new double[Length];
        double[] expected = new double[Length];

        Activations.Relu(x, actual);
        ReluOperator<double>.Reference(x, expected);
        SpecialValues.AssertBitIdentical<double>(actual, expected, "Relu");

        Activations.ReluBackward(x, dy, actual);
        ReluBackwardOperator<double>.Reference(x, dy, expected);
        SpecialValues.AssertBitIdentical<double>(actual, expected, "ReluBackward");

        Activations.GeneralizedRelu(x, actual, 0.5, -0.2, 3);
        GeneralizedReluOperator<double>.Reference(x, expected, 0.5, -0.2, 3);
        SpecialValues.AssertBitIdentical<double>(actual, expected, "GeneralizedRelu");

        Activations.GeneralizedReluBackward(x, dy, actual, 0.5, -0.2, 3);
        GeneralizedReluBackwardOperator<double>.Reference(x, dy, expected, 0.5, -0.2, 3);
        SpecialValues.AssertBitIdentical<double>(actual, expected, "GeneralizedReluBackward");

        Activations.LeakyRelu(x, actual, 0.01);
        GeneralizedReluOperator<double>.Reference(x, expected, 0, 0.01, 1);
        SpecialValues.AssertBitIdentical<double>(actual, expected, "LeakyRelu");

        Activations.LeakyReluBackward(x, dy, actual, 0.01);
        GeneralizedReluBackwardOperator<double>.Reference(x, dy, expected, 0, 0.01, 1);
        SpecialValues.AssertBitIdentical<double>(actual, expected, "LeakyReluBackward");
    }
}
