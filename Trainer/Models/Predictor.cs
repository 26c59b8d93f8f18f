using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Training;

namespace NeuralNet.Models;

/// <summary>Runs a network over a dataset and turns its outputs into answers in the user's terms.</summary>
public static class Predictor
{
    /// <summary>(outputs, count) column-major: class probabilities (softmax of the outputs) for classification,
    /// the target in its original units for regression.</summary>
    public static float[] Predict(Sequential<float> network, Preprocessing preprocessing, Dataset data)
    {
        int outputs = network.OutputSize;
        var result = new float[outputs * data.Count];
        new ForwardPass(network).Run(data, (start, output, _) =>
            output.AsColumnMajorArray().AsSpan(0, outputs * output.ColumnCount).CopyTo(result.AsSpan(start * outputs)));
        if (preprocessing.Task == TaskKind.Classification)
        {
            for (int j = 0; j < data.Count; j++)
            {
                var z = result.AsSpan(j * outputs, outputs);
                SoftmaxCrossEntropy<float>.Softmax(z, z);
            }
        }
        else
        {
            for (int i = 0; i < result.Length; i++)
                result[i] = result[i] * preprocessing.TargetScales[i % outputs] + preprocessing.TargetMeans[i % outputs];
        }
        return result;
    }
}
