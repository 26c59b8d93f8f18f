using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Models;

/// <summary>Runs a network over a dataset and turns its outputs into answers in the user's terms.</summary>
public static class Predictor
{
    /// <summary>(outputs, count) column-major: class probabilities (softmax of the outputs, floats) for
    /// classification, the target in its original units for regression, in double (mean + output·scale: a target of
    /// large values close together, 1e9 + 10·x, would come back in steps of 64 as a float).</summary>
    /// <param name="parallelism">The workers that split the rows; one thread when null.</param>
    public static double[] Predict(Sequential<float> network, Preprocessing preprocessing, Dataset data, Parallelism? parallelism = null)
    {
        int outputs = network.OutputSize;
        var result = new float[outputs * data.Count];
        ForwardPass.On(network, parallelism).Run(data, (start, output, _) =>
            output.AsColumnMajorArray().AsSpan(0, outputs * output.ColumnCount).CopyTo(result.AsSpan(start * outputs)));
        if (Array.FindIndex(result, v => !float.IsFinite(v)) is int bad and >= 0)
            throw NotFinite(bad / outputs);
        var values = new double[result.Length];
        if (preprocessing.Task == TaskKind.Classification)
        {
            for (int j = 0; j < data.Count; j++)
            {
                var z = result.AsSpan(j * outputs, outputs);
                SoftmaxCrossEntropy<float>.Softmax(z, z);
            }
            for (int i = 0; i < result.Length; i++)
                values[i] = result[i];
        }
        else
        {
            for (int i = 0; i < result.Length; i++)
                values[i] = (double)result[i] * preprocessing.TargetScales[i % outputs] + preprocessing.TargetMeans[i % outputs];
        }
        if (Array.FindIndex(values, v => !float.IsFinite((float)v)) is int overflowed and >= 0)
            throw NotFinite(overflowed / outputs);
        return values;
    }

    /// <summary>No class or value is given from scores that are not numbers: the row's inputs are finite, but so far
    /// outside the training data that the network's outputs overflowed.</summary>
    /// <param name="sample">0-based among the scored rows.</param>
    public static InputException NotFinite(int sample) =>
        new($"data row {sample + 1}: the model's outputs for it are not finite (its inputs are far outside the training data), so no prediction is made");
}
