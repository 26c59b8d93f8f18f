using NeuralNet.Data;
using NeuralNet.Layers;
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
        var inputs = new BatchBuffers<float>(network.InputSize);  // (features, chunk)
        var targets = new BatchBuffers<float>(data.OutputCount);  // (outputs, chunk), unused
        for (int start = 0; start < data.Count; start += Evaluation.ChunkSize)
        {
            int size = Math.Min(Evaluation.ChunkSize, data.Count - start);
            var x = inputs.For(size);
            data.CopyRange(start, x, targets.For(size));
            network.Forward(x, training: false).AsColumnMajorArray().AsSpan(0, outputs * size).CopyTo(result.AsSpan(start * outputs));
        }
        if (preprocessing.Task == TaskKind.Classification)
        {
            for (int j = 0; j < data.Count; j++)
                Softmax(result.AsSpan(j * outputs, outputs));
        }
        else
        {
            for (int i = 0; i < result.Length; i++)
                result[i] = result[i] * preprocessing.TargetScales[i % outputs] + preprocessing.TargetMeans[i % outputs];
        }
        return result;
    }

    // Shifted by the maximum so that exp never overflows.
    private static void Softmax(Span<float> z)
    {
        float max = z[0];
        foreach (float value in z)
            max = MathF.Max(max, value);
        float sum = 0;
        for (int k = 0; k < z.Length; k++)
            sum += z[k] = MathF.Exp(z[k] - max);
        for (int k = 0; k < z.Length; k++)
            z[k] /= sum;
    }
}
