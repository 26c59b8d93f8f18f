using System.Globalization;

namespace NeuralNet.Data;

/// <summary>
/// What turns rows of a CSV file into model inputs and targets, fitted on the training rows only: the feature
/// standardisation, the class names (classification) or the target standardisation (regression).
/// </summary>
public sealed record Preprocessing(
    TaskKind Task,
    string[] FeatureNames,
    float[] FeatureMeans,
    float[] FeatureScales,
    string TargetName,
    string[] ClassNames,
    float TargetMean,
    float TargetScale)
{
    /// <summary>Integer targets with at most this many distinct values are taken as classes.</summary>
    public const int MaxIntegerClasses = 20;

    public int OutputCount => Task == TaskKind.Classification ? ClassNames.Length : 1;

    /// <summary>Decides the task from the target's values, unless <paramref name="forced"/> says.</summary>
    public static TaskKind DetectTask(IReadOnlyList<string> targets, TaskKind? forced)
    {
        if (forced is { } task)
            return task;
        var distinct = new HashSet<double>();
        foreach (var text in targets)
        {
            if (!TryParseNumber(text, out double value))
                return TaskKind.Classification;
            if (value != Math.Floor(value))
                return TaskKind.Regression;
            distinct.Add(value);
        }
        return distinct.Count <= MaxIntegerClasses ? TaskKind.Classification : TaskKind.Regression;
    }

    /// <summary>The label index of every row: classes sorted numerically when all are numbers, else ordinally.</summary>
    public static (string[] ClassNames, int[] Labels) EncodeClasses(RawData raw)
    {
        var names = raw.Targets.Distinct().ToArray();
        if (names.All(n => TryParseNumber(n, out _)))
            Array.Sort(names, (a, b) => ParseNumber(a).CompareTo(ParseNumber(b)));
        else
            Array.Sort(names, StringComparer.Ordinal);
        if (names.Length < 2)
            throw new InputException($"{raw.Path}: the target column '{raw.TargetName}' has a single class ('{names[0]}'); classification needs at least two");
        var index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return (names, [.. raw.Targets.Select(t => index[t])]);
    }

    /// <summary>The regression target of every row, or an error naming the first row that is not a number.</summary>
    public static float[] ParseTargets(RawData raw)
    {
        var values = new float[raw.Rows];
        for (int r = 0; r < raw.Rows; r++)
        {
            if (!TryParseNumber(raw.Targets[r], out double value))
                throw InputException.At(raw.Path, raw.Lines[r], 0,
                    $"'{raw.Targets[r]}' in target column '{raw.TargetName}' is not a number; a regression target must be");
            values[r] = (float)value;
        }
        return values;
    }

    /// <summary>Fits the standardisation on the <paramref name="trainRows"/> of <paramref name="raw"/>.</summary>
    public static Preprocessing Fit(RawData raw, TaskKind task, int[] trainRows, string[] classNames, float[]? regressionTargets)
    {
        int features = raw.FeatureCount;
        var means = new double[features];
        var squares = new double[features];
        foreach (int r in trainRows)
        {
            var row = raw.Features.AsSpan(r * features, features);
            for (int f = 0; f < features; f++)
                means[f] += row[f];
        }
        for (int f = 0; f < features; f++)
            means[f] /= trainRows.Length;
        foreach (int r in trainRows)
        {
            var row = raw.Features.AsSpan(r * features, features);
            for (int f = 0; f < features; f++)
                squares[f] += (row[f] - means[f]) * (row[f] - means[f]);
        }

        float targetMean = 0, targetScale = 1;
        if (task == TaskKind.Regression)
        {
            var trainTargets = trainRows.Select(r => (double)regressionTargets![r]).ToArray();
            double mean = trainTargets.Average();
            double std = Math.Sqrt(trainTargets.Sum(t => (t - mean) * (t - mean)) / trainTargets.Length);
            if (std == 0)
                throw new InputException($"{raw.Path}: the target column '{raw.TargetName}' is constant ({mean.ToString(CultureInfo.InvariantCulture)}); there is nothing to learn");
            (targetMean, targetScale) = ((float)mean, (float)std);
        }

        return new Preprocessing(
            task,
            raw.FeatureNames,
            [.. means.Select(m => (float)m)],
            // A constant column has no spread to divide by: it is only centred (to 0), which is all it can be.
            [.. squares.Select(s => Math.Sqrt(s / trainRows.Length)).Select(s => s > 0 ? (float)s : 1f)],
            raw.TargetName,
            classNames,
            targetMean,
            targetScale);
    }

    /// <summary>Builds the standardised dataset of the given rows of <paramref name="raw"/>.</summary>
    /// <param name="labels">Label index per row of <paramref name="raw"/> (classification).</param>
    /// <param name="regressionTargets">Target per row of <paramref name="raw"/> (regression).</param>
    public Dataset Apply(RawData raw, int[] rows, int[]? labels, float[]? regressionTargets)
    {
        int features = FeatureNames.Length;
        var x = new float[rows.Length * features];
        var y = new float[rows.Length * OutputCount];
        int[]? sampleLabels = Task == TaskKind.Classification ? new int[rows.Length] : null;
        for (int j = 0; j < rows.Length; j++)
        {
            int r = rows[j];
            var source = raw.Features.AsSpan(r * features, features);
            var destination = x.AsSpan(j * features, features);
            for (int f = 0; f < features; f++)
                destination[f] = (source[f] - FeatureMeans[f]) / FeatureScales[f];
            if (sampleLabels is not null)
            {
                sampleLabels[j] = labels![r];
                y[j * OutputCount + labels[r]] = 1f;
            }
            else
            {
                y[j] = (regressionTargets![r] - TargetMean) / TargetScale;
            }
        }
        return new Dataset(features, OutputCount, x, y, sampleLabels);
    }

    /// <summary>Label indices of the rows of another file, by the class names learned in training.</summary>
    public int[] LabelsOf(RawData raw)
    {
        var index = ClassNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var labels = new int[raw.Rows];
        for (int r = 0; r < raw.Rows; r++)
        {
            if (!index.TryGetValue(raw.Targets[r], out labels[r]))
                throw InputException.At(raw.Path, raw.Lines[r], 0,
                    $"class '{raw.Targets[r]}' in column '{raw.TargetName}' was not in the training data ({string.Join(", ", ClassNames)})");
        }
        return labels;
    }

    private static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static double ParseNumber(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
