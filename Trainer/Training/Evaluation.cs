using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;

namespace NeuralNet.Training;

/// <summary>Loss and metric of a model over a whole dataset: accuracy for classification, R² for regression.</summary>
public sealed class Evaluation(Sequential<float> model, ILoss<float> loss)
{
    /// <summary>Samples per forward pass: large enough for efficient products, small enough to keep buffers modest.</summary>
    public const int ChunkSize = 1024;

    private readonly BatchBuffers<float> _inputs = new(model.InputSize);   // (features, chunk)
    private readonly BatchBuffers<float> _targets = new(model.OutputSize); // (outputs, chunk)

    public (double Loss, double Metric) Run(Dataset data)
    {
        if (data.Count == 0)
            return (double.NaN, double.NaN);
        double lossSum = 0;
        long correct = 0;
        var squaredErrors = new double[data.OutputCount];
        for (int start = 0; start < data.Count; start += ChunkSize)
        {
            int size = Math.Min(ChunkSize, data.Count - start);
            var x = _inputs.For(size);
            var y = _targets.For(size);
            data.CopyRange(start, x, y);
            var output = model.Forward(x, training: false);
            lossSum += loss.Forward(output, y) * size;
            if (data.Labels is { } labels)
                correct += CountCorrect(output, labels.AsSpan(start, size));
            else
                AddSquaredErrors(output, y, squaredErrors);
        }
        double metric = data.Labels is null ? RSquared(data, squaredErrors) : (double)correct / data.Count;
        return (lossSum / data.Count, metric);
    }

    /// <summary>The mean loss on the first chunk of <paramref name="data"/>: a cheap check that the current weights
    /// give finite outputs.</summary>
    public double FirstChunkLoss(Dataset data)
    {
        int size = Math.Min(ChunkSize, data.Count);
        var x = _inputs.For(size);
        var y = _targets.For(size);
        data.CopyRange(0, x, y);
        return loss.Forward(model.Forward(x, training: false), y);
    }

    /// <summary>The class of highest score in each column of <paramref name="output"/> (classes, batch).</summary>
    public static int ArgMax(Matrix<float> output, int column) =>
        ArgMax(output.AsColumnMajorArray().AsSpan(column * output.RowCount, output.RowCount));

    /// <summary>The index of the highest score; the first one on ties.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
                best = k;
        }
        return best;
    }

    private static int CountCorrect(Matrix<float> output, ReadOnlySpan<int> labels)
    {
        int correct = 0;
        for (int j = 0; j < labels.Length; j++)
        {
            if (ArgMax(output, j) == labels[j])
                correct++;
        }
        return correct;
    }

    private static void AddSquaredErrors(Matrix<float> output, Matrix<float> target, double[] sums)
    {
        var o = output.AsColumnMajorArray();
        var t = target.AsColumnMajorArray();
        for (int i = 0; i < o.Length; i++)
        {
            double difference = o[i] - t[i];
            sums[i % sums.Length] += difference * difference;
        }
    }

    // R² = 1 − SS_res / SS_tot per output, averaged over outputs (scikit-learn's "uniform_average"). It is the same
    // on standardised targets as on the original ones, since both sums scale by the same factor.
    private static double RSquared(Dataset data, double[] squaredErrors)
    {
        int outputs = data.OutputCount;
        double total = 0;
        for (int k = 0; k < outputs; k++)
        {
            double mean = 0;
            for (int i = 0; i < data.Count; i++)
                mean += data.Targets[i * outputs + k];
            mean /= data.Count;
            double spread = 0;
            for (int i = 0; i < data.Count; i++)
                spread += (data.Targets[i * outputs + k] - mean) * (data.Targets[i * outputs + k] - mean);
            total += 1 - squaredErrors[k] / spread;
        }
        return total / outputs;
    }
}
