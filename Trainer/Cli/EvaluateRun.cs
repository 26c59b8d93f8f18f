using System.Globalization;
using NeuralNet.Data;
using NeuralNet.Models;
using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary><c>evaluate MODEL.json DATA.csv</c>: loss and metric, and for classification the confusion matrix and
/// per-class precision and recall.</summary>
public static class EvaluateRun
{
    /// <param name="parallelism">The workers that split the rows; one thread when null.</param>
    /// <param name="missing">--missing as given; null when left out (the model's own, see <see cref="ScoringOptions.Missing"/>).
    /// The policy in <paramref name="options"/> is not used.</param>
    /// <param name="notices">Where lines about cells filled or encoded as all zeros go (standard error).</param>
    public static int Execute(string modelPath, string dataPath, TextWriter output, DataOptions? options = null, Parallelism? parallelism = null, MissingValuePolicy? missing = null,
        TextWriter? notices = null)
    {
        OutputPaths.CheckInputs([new("MODEL.json", modelPath), new("DATA.csv", dataPath)]);
        ScoringOptions.Check("evaluate", options);
        var model = ModelSerializer.Load(modelPath);
        var prep = model.Preprocessing;
        options = (options ?? DataOptions.Default) with { Missing = ScoringOptions.Missing(missing, prep, modelPath) };
        options = options with { NaValues = options.NaValues ?? prep.NaValues };
        var data = ScoringData.Load(dataPath, prep, withTargets: true, options).Dataset;
        foreach (string line in data.Scored.Lines(dataPath, prep.Missing))
            notices?.WriteLine(line);
        bool classification = prep.Task == TaskKind.Classification;
        // One pass: the confusion matrix takes each sample's class of highest score from the same outputs.
        var predicted = new int[data.Count];
        var evaluation = Evaluation.ForTask(model.Network, prep, parallelism);
        var (loss, metric) = classification
            ? evaluation.Run(data, (start, outputs) =>
            {
                ThrowOnNonFinite(dataPath, start, outputs);
                for (int j = 0; j < outputs.ColumnCount; j++)
                    predicted[start + j] = Evaluation.ArgMax(outputs, j);
            })
            : (double.NaN, double.NaN);
        var regression = classification ? null : evaluation.Score(data, prep.TargetScales);
        // Outputs that overflowed give no figures: the pass that finds the row runs only then.
        if (regression is not null && !(double.IsFinite(regression.Loss) && regression.Rmse is { } rmse && double.IsFinite(rmse)))
            evaluation.Run(data, (start, outputs) => ThrowOnNonFinite(dataPath, start, outputs));

        output.WriteLine($"model: {modelPath} ({(classification ? $"classification, {prep.ClassNames.Length} classes" : "regression")}, weights sha256 {model.WeightsSha256})");
        if (model.Run is { ClassWeight: ClassWeighting.Balanced, ClassWeights: { } weights })
            output.WriteLine($"trained with --class-weight balanced: {ClassWeights.Text(weights.Keys, weights.Values)} (the figures below weigh every row alike)");
        output.WriteLine(Invariant($"data: {dataPath}: {data.Count} rows{TrainRun.UnlabelledNote(data)}"));
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

    private static void ThrowOnNonFinite(string dataPath, int start, MathNet.Numerics.LinearAlgebra.Matrix<float> outputs)
    {
        for (int j = 0; j < outputs.ColumnCount; j++)
        {
            for (int i = 0; i < outputs.RowCount; i++)
            {
                if (!float.IsFinite(outputs[i, j]))
                    throw new InputException($"{dataPath}: {Predictor.NotFinite(start + j).Message}");
            }
        }
    }

    public const string UndefinedNote = "-: undefined (precision of a class never predicted, recall of a class with no rows: 0/0; scikit-learn's zero_division=0 would print 0)";

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
        bool undefined = false;
        string Ratio(double value)
        {
            undefined |= double.IsNaN(value);
            return double.IsNaN(value) ? "-" : Invariant($"{value:0.0000}");
        }
        for (int k = 0; k < matrix.Classes; k++)
        {
            text.Append(names[k].PadRight(width))
                .Append(Ratio(matrix.Precision(k)).PadLeft(width))
                .Append(Ratio(matrix.Recall(k)).PadLeft(width))
                .Append(matrix.Support(k).ToString(CultureInfo.InvariantCulture).PadLeft(width)).Append('\n');
        }
        // 0/0 is no number: shown as '-', not NaN, and not as scikit-learn's zero_division=0, which reads as a score.
        if (undefined)
            text.Append(UndefinedNote).Append('\n');
        return text.ToString();
    }
}
