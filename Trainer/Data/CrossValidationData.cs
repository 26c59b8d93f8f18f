namespace NeuralNet.Data;

/// <summary>
/// A training file read once for --cv K: its usable rows dealt into K folds (stratified by class for classification),
/// and for each fold the whole preprocessing fitted again on that fold's training rows only, so the held-out fold is
/// scored as an unseen test file would be (its scaling, fills and categories never come from it).
/// </summary>
public sealed class CrossValidationData
{
    private readonly RawData _raw;
    private readonly RawColumn[] _used;
    private readonly DroppedColumn[] _dropped;
    private readonly int[] _rows;          // the usable rows of the file
    private readonly int[] _fold;          // (rows.Length): the fold of each usable row
    private readonly int[]? _labels;       // (rows.Length): the class of each usable row, for stratification
    private readonly string[] _classNames;
    private readonly DataOptions _options;

    private CrossValidationData(RawData raw, RawColumn[] used, DroppedColumn[] dropped, int[] rows, int[] fold, int[]? labels,
        TaskKind task, string[] classNames, DataOptions options)
    {
        (_raw, _used, _dropped, _rows, _fold, _labels, Task, _classNames, _options) = (raw, used, dropped, rows, fold, labels, task, classNames, options);
        Folds = fold.Length == 0 ? 0 : fold.Max() + 1;
    }

    public TaskKind Task { get; }

    public int Folds { get; }

    public int Rows => _rows.Length;

    /// <param name="random">Seeded source of the fold assignment.</param>
    public static CrossValidationData Load(string path, IReadOnlyList<string>? targets, TaskKind? task, int folds, Random random, DataOptions options)
    {
        var raw = CsvLoader.Load(path, targets, options);
        var (used, dropped) = PreparedData.UsedColumns(raw);
        var (rows, _, _, _, unlabelled) = PreparedData.UsableRows(raw, [.. used, .. raw.Targets], options.Missing);
        var kind = TargetAnalysis.DetectTask(raw, rows, task);
        string[] classNames = kind == TaskKind.Classification ? TargetAnalysis.ClassNames(raw, rows, unlabelled) : [];
        int[]? labels = null;
        if (kind == TaskKind.Classification)
        {
            labels = raw.Labels(classNames, rows); // decoded once; the folds' encodings read the same decoding
            int smallest = NeuralNet.Data.Folds.SmallestClass(labels);
            if (smallest < folds)
                throw new InputException($"{path}: --cv {folds} needs at least {folds} rows of every class; the smallest class has {smallest}");
        }
        if (rows.Length < folds)
            throw new InputException($"{path}: --cv {folds} needs at least {folds} usable rows; there are {rows.Length}");
        int[] fold = NeuralNet.Data.Folds.Assign(rows.Length, folds, random, labels);
        return new CrossValidationData(raw, used, dropped, rows, fold, labels, kind, classNames, options);
    }

    /// <summary>The row positions (into the usable rows) that fold <paramref name="k"/> holds out.</summary>
    public int[] HeldOut(int k) => [.. Enumerable.Range(0, _rows.Length).Where(i => _fold[i] == k)];

    /// <summary>Fold <paramref name="k"/>: the preprocessing fitted on the other folds' training part, and the encoded
    /// training, validation (<paramref name="validationFraction"/> of the other folds, for early stopping) and held-out sets.</summary>
    public (Preprocessing Preprocessing, Dataset Train, Dataset Validation, Dataset HeldOut) Fold(int k, double validationFraction, Random random)
    {
        int[] rest = [.. Enumerable.Range(0, _rows.Length).Where(i => _fold[i] != k)];
        int[] heldOut = [.. HeldOut(k).Select(i => _rows[i])];
        var (trainPositions, validationPositions) = Split.Rows(rest.Length, validationFraction, random, _labels is null ? null : [.. rest.Select(i => _labels[i])]);
        int[] trainRows = [.. trainPositions.Select(p => _rows[rest[p]])];
        int[] validationRows = [.. validationPositions.Select(p => _rows[rest[p]])];
        // The categories of text columns come from the rows this fold may see: its training and validation rows.
        int[] seen = [.. rest.Select(i => _rows[i]).Order()];
        var preprocessing = Preprocessing.Fit(_raw, Task, _used, _dropped, trainRows, seen, _classNames, _options.Missing);
        return (preprocessing,
            preprocessing.Apply(_raw, trainRows, preprocessing.UnknownCategoryFor(_options)),
            preprocessing.Apply(_raw, validationRows, preprocessing.UnknownCategoryFor(_options)),
            preprocessing.Apply(_raw, heldOut, preprocessing.UnknownCategoryFor(_options)));
    }
}
