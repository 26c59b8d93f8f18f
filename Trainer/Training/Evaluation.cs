using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;

namespace NeuralNet.Training;

/// <summary>Loss and metric of a model over a whole dataset: accuracy for classification, R² for regression.</summary>
public sealed class Evaluation(ForwardPass pass, ILoss<float> loss)
{
    private readonly ForwardPass _pass = pass;

    public Evaluation(Sequential<float> model, ILoss<float> loss)
        : this(new ForwardPass(model), loss)
    {
    }

    /// <inheritdoc cref="ForwardPass.On"/>
    public static Evaluation On(Sequential<float> model, ILoss<float> loss, Parallelism? parallelism) => new(ForwardPass.On(model, parallelism), loss);

    /// <summary>With the task's plain loss (<see cref="LossFor.Task"/>): the loss a model is validated and tested with.</summary>
    public static Evaluation ForTask(Sequential<float> model, Preprocessing prep, Parallelism? parallelism) => On(model, LossFor.Task(prep), parallelism);


    /// <param name="onOutputs">Also called with each chunk's first sample and outputs (outputs, chunk), for a caller
    /// that needs the predictions too (evaluate's confusion matrix) without a second pass.</param>
    public (double Loss, double Metric) Run(Dataset data, Action<int, Matrix<float>>? onOutputs = null)
    {
        if (data.Count == 0)
            return (double.NaN, double.NaN);
        double lossSum = 0;
        long correct = 0;
        var squaredErrors = new double[data.OutputCount];
        _pass.Run(data, (start, output, y) =>
        {
            lossSum += loss.Forward(output, y) * output.ColumnCount;
            if (data.Labels is { } labels)
                correct += CountCorrect(output, labels.AsSpan(start, output.ColumnCount));
            else
                AddSquaredErrors(output, y, squaredErrors);
            onOutputs?.Invoke(start, output);
        });
        double metric = data.Labels is null ? RSquared(data, squaredErrors) : (double)correct / data.Count;
        return (lossSum / data.Count, metric);
    }

    /// <summary>Every figure of <see cref="Scores"/> in one pass: for classification the confusion matrix's balanced
    /// accuracy and macro-F1 besides accuracy and the log-loss; for regression R² and the errors in target units.</summary>
    /// <param name="targetScales">Regression: each target's standard deviation (the preprocessing's); unused for classification.</param>
    public Scores Score(Dataset data, IReadOnlyList<float> targetScales)
    {
        if (data.Count == 0)
            return new Scores(double.NaN, double.NaN);
        if (data.Labels is { } labels)
        {
            var predicted = new int[data.Count];
            var (logLoss, _) = Run(data, (start, outputs) =>
            {
                for (int j = 0; j < outputs.ColumnCount; j++)
                    predicted[start + j] = ArgMax(outputs, j);
            });
            return Scores.Classification(logLoss, new ConfusionMatrix(data.OutputCount, labels, predicted));
        }
        var predictions = new float[data.Count * data.OutputCount]; // (outputs, count), standardised
        var (loss, rSquared) = Run(data, (start, outputs) =>
            outputs.AsColumnMajorArray().AsSpan(0, outputs.RowCount * outputs.ColumnCount).CopyTo(predictions.AsSpan(start * outputs.RowCount)));
        return Scores.Regression(loss, rSquared, predictions, data.Targets, targetScales);
    }

    /// <summary>The mean loss on the first chunk of <paramref name="data"/>: a cheap check that the current weights
    /// give finite outputs.</summary>
    public double FirstChunkLoss(Dataset data)
    {
        double sum = 0;
        int samples = 0;
        _pass.Run(data, (_, output, y) =>
        {
            sum += loss.Forward(output, y) * (double)output.ColumnCount;
            samples += output.ColumnCount;
        }, limit: ForwardPass.ChunkSize);
        return samples == 0 ? double.NaN : sum / samples;
    }

    /// <inheritdoc cref="ForwardPass.FirstNonFiniteOutput(Dataset)"/>
    public string FirstNonFiniteOutput(Dataset data) => _pass.FirstNonFiniteOutput(data);

    /// <summary>The class of highest score in each column of <paramref name="output"/> (classes, batch).</summary>
    public static int ArgMax(Matrix<float> output, int column) =>
        ArgMax(output.AsColumnMajorArray().AsSpan(column * output.RowCount, output.RowCount));

    /// <summary>The index of the highest score; the first one on ties.</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> scores) where T : System.Numerics.IComparisonOperators<T, T, bool>
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
