namespace NeuralNet.Data;

/// <summary>A training file read, split and standardised, plus an optional test file prepared the same way.</summary>
public sealed record PreparedData(Preprocessing Preprocessing, Dataset Train, Dataset Validation, Dataset? Test, double LoadSeconds)
{
    /// <param name="trainPath">The training CSV.</param>
    /// <param name="target">Target column name or index; null for the last column.</param>
    /// <param name="task">Forces the task; null to detect it from the target.</param>
    /// <param name="validationFraction">Share of rows held out for validation, stratified for classification.</param>
    /// <param name="random">Seeded source of the split.</param>
    /// <param name="testPath">A separate test CSV with the same columns, or null.</param>
    /// <param name="fitted">The preprocessing of a saved model to train further (--resume): its columns, task and
    /// classes are used and nothing is refitted, so the model sees inputs scaled as before. Null to fit one.</param>
    public static PreparedData Load(string trainPath, string? target, TaskKind? task, double validationFraction, Random random, string? testPath, Preprocessing? fitted = null)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var raw = fitted is null ? CsvLoader.Load(trainPath, target) : CsvLoader.Load(trainPath, fitted.TargetName, fitted.FeatureNames);
        var kind = fitted?.Task ?? Preprocessing.DetectTask(raw.Targets, task);
        var (classNames, labels) = kind != TaskKind.Classification ? ([], null)
            : fitted is null ? Preprocessing.EncodeClasses(raw) : (fitted.ClassNames, fitted.LabelsOf(raw));
        var values = kind == TaskKind.Regression ? Preprocessing.ParseTargets(raw) : null;

        var (trainRows, validationRows) = Split.Rows(raw.Rows, validationFraction, random, labels);
        var preprocessing = fitted ?? Preprocessing.Fit(raw, kind, trainRows, classNames, values);
        var train = preprocessing.Apply(raw, trainRows, labels, values);
        var validation = preprocessing.Apply(raw, validationRows, labels, values);

        Dataset? test = null;
        if (testPath is not null)
        {
            var testRaw = CsvLoader.Load(testPath, raw.TargetName, raw.FeatureNames);
            var all = Enumerable.Range(0, testRaw.Rows).ToArray();
            test = kind == TaskKind.Classification
                ? preprocessing.Apply(testRaw, all, preprocessing.LabelsOf(testRaw), null)
                : preprocessing.Apply(testRaw, all, null, Preprocessing.ParseTargets(testRaw));
        }
        return new PreparedData(preprocessing, train, validation, test, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}
