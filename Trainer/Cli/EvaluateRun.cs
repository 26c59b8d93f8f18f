using System.Globalization;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Models;
using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary><c>evaluate MODEL.json DATA.csv</c>: loss and metric, and for classification the confusion matrix and
/// per-class precision and recall.</summary>
public static class EvaluateRun
{
    public static int Execute(string modelPath, string dataPath, TextWriter output, DataOptions? options = null)
    {
        var model = ModelSerializer.Load(modelPath);
        var prep = model.Preprocessing;
        var data = ScoringData.Load(dataPath, prep, withTargets: true, options).Dataset;
        bool classification = prep.Task == TaskKind.Classification;
        // One pass: the confusion matrix takes each sample's class of highest score from the same outputs.
        var predicted = new int[data.Count];
        var evaluation = new Evaluation(model.Network, LossFor.Task(prep));
        var (loss, metric) = classification
            ? evaluation.Run(data, (start, outputs) =>
            {
                for (int j = 0; j < outputs.ColumnCount; j++)
                    predicted[start + j] = Evaluation.ArgMax(outputs, j);
            })
            : (double.NaN, double.NaN);
        var regression = classification ? null : evaluation.Score(data, prep.TargetScales);

        output.WriteLine($"model: {modelPath} ({(classification ? $"classification, {prep.ClassNames.Length} classes" : "regression")}, weights sha256 {model.WeightsSha256})");
        output.WriteLine(Invariant($"data: {dataPath}: {data.Count} rows"));
        if (regression is not null)
        {
            output.WriteLine(Invariant($"loss {regression.Loss:0.0000}  r2 {regression.Metric:0.0000}  rmse {regression.Rmse:G6}  mae {regression.Mae:G6} (in the target's units)"));
            return ExitCodes.Success;
        }

        var matrix = new ConfusionMatrix(prep.OutputCount, data.Labels, predicted);
        output.WriteLine(Invariant($"loss {loss:0.0000}  accuracy {metric:0.0000}  balanced_accuracy {ClassMetrics.BalancedAccuracy(matrix):0.0000}  macro_f1 {ClassMetrics.MacroF1(matrix):0.0000} (the loss is the log-loss)"));
        output.WriteLine();
        output.Write(Format(matrix, prep.ClassNames));
        return ExitCodes.Success;
    }

    /// <summary>The matrix (rows: true class, columns: predicted class), then precision, recall and support per class.</summary>
    public static string Format(ConfusionMatrix matrix, IReadOnlyList<string> names)
    {
        int width = Math.Max(9, names.Max(n => n.Length)) + 2;
        var text = new System.Text.StringBuilder();
        text.AppendLine("confusion matrix (rows: true class, columns: predicted class)");
        text.Append(new string(' ', width)).AppendJoin("", names.Select(n => n.PadLeft(width))).Append('\n');
        for (int t = 0; t < matrix.Classes; t++)
        {
            text.Append(names[t].PadRight(width));
            for (int p = 0; p < matrix.Classes; p++)
                text.Append(matrix[t, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            text.Append('\n');
        }
        text.Append('\n').Append("class".PadRight(width)).Append("precision".PadLeft(width)).Append("recall".PadLeft(width)).Append("support".PadLeft(width)).Append('\n');
        for (int k = 0; k < matrix.Classes; k++)
        {
            text.Append(names[k].PadRight(width))
                .Append(Invariant($"{matrix.Precision(k):0.0000}").PadLeft(width))
                .Append(Invariant($"{matrix.Recall(k):0.0000}").PadLeft(width))
                .Append(matrix.Support(k).ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append('\n');
        }
        return text.ToString();
    }
}
