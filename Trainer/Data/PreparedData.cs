using System.Diagnostics;

namespace NeuralNet.Data;

/// <summary>A training file read, screened, split and encoded. A --test file is read afterwards with <see cref="LoadTest"/>,
/// once training no longer holds the training matrix.</summary>
/// <param name="Rows">Data rows in the training file.</param>
/// <param name="RowsDropped">Rows left out for missing values (--missing drop-rows).</param>
/// <param name="Unlabelled">Rows left out because their target was missing.</param>
/// <param name="ValuesFilled">Missing values filled (--missing mean|median).</param>
/// <param name="LoadSeconds">Reading the training file into the feature matrix.</param>
/// <param name="PrepareSeconds">Everything after: screening, splitting, fitting and encoding.</param>
public sealed record PreparedData(Preprocessing Preprocessing, Dataset Train, Dataset Validation,
    int Rows, int RowsDropped, int ValuesFilled, double LoadSeconds, double PrepareSeconds, int Unlabelled = 0)
{
    /// <summary>What of the training file's dialect was sniffed rather than given.</summary>
    public DialectChoice Sniffed { get; init; } = new(true, true, true);

    /// <summary>The training file's encoding (utf-8 unless --encoding).</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>Missing values of each used column of the training file, by name.</summary>
    public IReadOnlyDictionary<string, int> MissingByColumn { get; init; } = new Dictionary<string, int>();

    /// <summary>Lines for the summary about choices made for the user (the split).</summary>
    public string[] Notes { get; init; } = [];

    /// <param name="trainPath">The training CSV.</param>
    /// <param name="targets">Target columns by name or index; null or empty for the last column.</param>
    /// <param name="task">Forces the task; null to detect it from the target.</param>
    /// <param name="validationFraction">Share of rows held out for validation, stratified for classification.</param>
    /// <param name="random">Seeded source of the split.</param>
    /// <param name="options">How to read the file and encode its columns; null for the defaults.</param>
    /// <param name="fitted">The preprocessing of a saved model to train further (--resume): its columns, task and
    /// classes are used and nothing is refitted, so the model sees inputs encoded as before. Null to fit one.</param>
    public static PreparedData Load(string trainPath, IReadOnlyList<string>? targets, TaskKind? task, double validationFraction, Random random,
        DataOptions? options = null, Preprocessing? fitted = null)
    {
        options ??= DataOptions.Default;
        long start = Stopwatch.GetTimestamp();
        var raw = fitted is null ? CsvLoader.Load(trainPath, targets, options) : CsvLoader.LoadFor(fitted, trainPath, options, requireTargets: true);
        double loadSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        start = Stopwatch.GetTimestamp();

        var (used, dropped) = UsedColumns(raw, screen: fitted is null);
        // A column with no value at all is left out as constant; --missing error asked for missing values to stop.
        if (options.Missing == MissingValuePolicy.Error && dropped.FirstOrDefault(d => d.Reason == ColumnScreening.EveryValueMissing) is { } empty)
        {
            var column = raw.Features.First(c => c.Name == empty.Name);
            throw new InputException($"{raw.Path}: column '{column.Name}' (column {column.Index + 1}) has no value in any row ({raw.Missing.Description}); --missing error refuses missing values; leave it out with --drop {ColumnTypes.Quoted(column.Name)}");
        }

        var (rows, rowsDropped, filled, missing, unlabelled) = fitted is null
            ? UsableRows(raw, [.. used, .. raw.Targets], options.Missing)
            : ScoredRows(raw, [.. used, .. raw.Targets], fitted, options.Missing);
        var kind = fitted?.Task ?? TargetAnalysis.DetectTask(raw, rows, task);
        string[] classNames = kind != TaskKind.Classification ? [] : fitted?.ClassNames ?? TargetAnalysis.ClassNames(raw, rows, unlabelled);
        // Labels by position in rows, decoded once (the encoding below reads the same decoded labels).
        int[]? labels = kind == TaskKind.Classification ? raw.Labels(classNames, rows) : null;

        var (trainPositions, validationPositions, splitNote) = Split.Plan(rows.Length, validationFraction, random, labels);
        string? heldOutNote = validationPositions.Length > trainPositions.Length
            ? FormattableString.Invariant($"split: --val-split {validationFraction} holds out {validationPositions.Length} rows and trains on {trainPositions.Length}: more rows held out than trained on")
            : null;
        // An empty validation set would give NaN validation losses and a "best" epoch chosen from them.
        if (validationFraction > 0 && validationPositions.Length == 0)
            throw new InputException(FormattableString.Invariant(
                $"{trainPath}: {rows.Length} usable row{(rows.Length == 1 ? "" : "s")} are too few to hold out {validationFraction * 100:0.#}% for validation (no row would be held out); pass --val-split 0 to train on every row without validation"));
        // Every row usable (rows is 0, 1, 2, ...): the positions are the rows, without a copy of either.
        bool everyRow = rows.Length == raw.Rows;
        int[] trainRows = everyRow ? trainPositions : [.. trainPositions.Select(p => rows[p])];
        int[] validationRows = everyRow ? validationPositions : [.. validationPositions.Select(p => rows[p])];
        var preprocessing = fitted ?? Preprocessing.Fit(raw, kind, used, dropped, trainRows, rows, classNames, options.Missing, options.WorkerCount)
            with { UnknownCategory = options.UnknownCategory ?? UnknownCategoryPolicy.Error, NaValues = options.NaValues?.ToArray() };
        var split = preprocessing.ApplyShared(raw, rows, [trainRows, validationRows], preprocessing.UnknownCategoryFor(options), options.WorkerCount);
        var (train, validation) = (split[0], split[1]);
        // A resumed model's categories are its first run's: this file's others are encoded as all zeros, as predict
        // would, and said as predict says them (its missing values have the columns' lines, as in a fresh run).
        var unseen = fitted is null ? [] : ScoredCells.Of(fitted, raw, rows, null, preprocessing.UnknownCategoryFor(options)).Lines(trainPath, fitted.Missing);
        return new PreparedData(preprocessing, train, validation, raw.Rows, rowsDropped, filled, loadSeconds, Stopwatch.GetElapsedTime(start).TotalSeconds, unlabelled)
        {
            Sniffed = raw.Sniffed,
            Encoding = raw.Encoding,
            MissingByColumn = missing,
            Notes = [.. raw.Notes, .. fitted is null ? UnicodeFormNotes(preprocessing) : [], .. fitted is null ? LookAlikeClassNotes(preprocessing) : [], .. unseen, .. ClippedNotes(preprocessing, train, validation), .. splitNote is null ? [] : new[] { splitNote }, .. heldOutNote is null ? [] : new[] { heldOutNote }],
        };
    }

    /// <summary>A line for each text column, and the classes, where two categories are one text in two Unicode forms
    /// (see <see cref="UnicodeForms"/>): they stay two, as the ONNX export would see them, but not without a word.</summary>
    private static IEnumerable<string> UnicodeFormNotes(Preprocessing preprocessing)
    {
        var groups = preprocessing.Features.Where(f => f.IsCategorical).Select(f => ($"column '{f.Name}'", f.Categories, "categories"))
            .Append(($"target '{preprocessing.TargetNames[0]}'", preprocessing.ClassNames, "classes"));
        foreach (var (what, values, kind) in groups)
        {
            var pairs = UnicodeForms.EquivalentPairs(values);
            if (pairs.Count == 0)
                continue;
            var (first, second) = pairs[0];
            string more = pairs.Count == 1 ? "" : $" ({pairs.Count - 1} more such pair{(pairs.Count == 2 ? "" : "s")})";
            yield return $"unicode: {what}: '{CsvScan.Shorten(first)}' ({UnicodeForms.CodePoints(first)}) and '{CsvScan.Shorten(second)}' ({UnicodeForms.CodePoints(second)}) "
                + $"are one text in two Unicode forms (equal once normalised), read as two {kind}{more}; write them in one form (e.g. NFC) to make them one";
        }
    }

    /// <summary>One line naming the numeric columns with values clamped to ±<see cref="Preprocessing.InputClip"/>
    /// standard deviations and how many (a value exactly at the bound is counted too): outliers are not changed
    /// without a word.</summary>
    private static IEnumerable<string> ClippedNotes(Preprocessing preprocessing, Dataset train, Dataset validation)
    {
        if (preprocessing.InputClip is not { } clip)
            yield break;
        var counts = new List<(string Name, int Count)>();
        int start = 0;
        foreach (var feature in preprocessing.Features)
        {
            if (!feature.IsCategorical)
            {
                int count = 0;
                foreach (var data in new[] { train, validation })
                {
                    for (int i = 0; i < data.Count; i++)
                        count += Math.Abs(data.Sample(i)[start]) >= clip ? 1 : 0;
                }
                if (count > 0)
                    counts.Add((feature.Name, count));
            }
            start += feature.Width;
        }
        if (counts.Count == 0)
            yield break;
        string listed = string.Join(", ", counts.Take(5).Select(c => FormattableString.Invariant($"'{CsvScan.Shorten(c.Name)}' {c.Count}")));
        string more = counts.Count > 5 ? FormattableString.Invariant($" and {counts.Count - 5} more columns") : "";
        yield return FormattableString.Invariant($"clipped: values more than {clip:G} standard deviations from the training mean are read as {clip:G}, so an outlier row cannot dominate the fit: {listed}{more}");
    }

    /// <summary>A line for each group of class names that differ only in case or spaces (yes, Yes, YES): they stay
    /// separate classes, as written, but not without a word.</summary>
    private static IEnumerable<string> LookAlikeClassNotes(Preprocessing preprocessing)
    {
        var groups = preprocessing.ClassNames
            .GroupBy(name => string.Concat(name.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant(), StringComparer.Ordinal)
            .Where(g => g.Count() > 1).ToArray();
        foreach (var group in groups.Take(3))
        {
            var names = group.Select(n => $"'{CsvScan.Shorten(n)}'").ToArray();
            yield return $"classes: {string.Join(", ", names[..^1])} and {names[^1]} in target '{preprocessing.TargetNames[0]}' differ only in case or spaces; read as {names.Length} classes; write them alike to make them one";
        }
        if (groups.Length > 3)
            yield return $"classes: {groups.Length - 3} more groups of class names differ only in case or spaces";
    }

    /// <summary>The feature columns a model is fitted on, and the columns left out with why (--drop, then the
    /// screening of ID-like, constant and empty columns, which keeps the columns --categorical names); with
    /// <paramref name="screen"/> false (a resumed model's columns) nothing is screened. No usable column is an error.</summary>
    internal static (RawColumn[] Used, DroppedColumn[] Dropped) UsedColumns(RawData raw, bool screen = true)
    {
        var screened = screen ? ColumnScreening.Screen(raw, raw.Categorical.ToHashSet(StringComparer.Ordinal)) : [];
        var used = raw.Features.Where(c => !screened.Any(d => d.Name == c.Name)).ToArray();
        if (used.Length == 0)
            throw new InputException($"{raw.Path}: no usable feature columns: {string.Join("; ", screened.Select(d => $"'{d.Name}' is {d.Reason}"))}");
        return (used, [.. raw.Dropped.Select(name => new DroppedColumn(name, "--drop")).Concat(screened)]);
    }

    /// <summary>Another file with the training file's columns, targets included, encoded by <paramref name="preprocessing"/>.</summary>
    /// <param name="fittedNow">True when <paramref name="preprocessing"/> was fitted in this run (train --test).</param>
    /// <param name="cancel">Stops the read between records (a signal after training: the model is still to be
    /// saved, so the process cannot just end): <see cref="OperationCanceledException"/>.</param>
    public static Dataset LoadTest(Preprocessing preprocessing, string path, DataOptions options, bool fittedNow = false, CancellationToken cancel = default)
    {
        var raw = CsvLoader.LoadFor(preprocessing, path, options, requireTargets: true, cancel: cancel);
        // A test file read in the run that fits the model takes that run's policy, and its advice: the same command
        // with --missing mean|median fills both files.
        var (rows, _, filled, missing, unlabelled) = fittedNow
            ? UsableRows(raw, [.. raw.Features, .. raw.Targets], preprocessing.Missing)
            : ScoredRows(raw, [.. raw.Features, .. raw.Targets], preprocessing, options.Missing);
        cancel.ThrowIfCancellationRequested();
        var unknownCategory = preprocessing.UnknownCategoryFor(options);
        var dataset = preprocessing.ApplyShared(raw, rows, [rows], unknownCategory, options.WorkerCount)[0];
        dataset.Unlabelled = unlabelled;
        dataset.Scored = ScoredCells.Of(preprocessing, raw, rows, filled > 0 ? missing : null, unknownCategory);
        return dataset;
    }

    /// <summary>Rows to predict: another file with the training file's feature columns (the targets may be absent),
    /// encoded by <paramref name="preprocessing"/>. Rows with a missing value are left out under
    /// --missing drop-rows; <c>Rows</c> says which rows of the file the inputs are.</summary>
    /// <returns>The inputs, (InputCount, Rows.Length) column-major, the file as read, and the cells filled or encoded
    /// as all zeros on the way.</returns>
    /// <param name="idColumns">Columns to read too, as text unless they are features (IDs to copy into predictions).</param>
    public static (float[] Inputs, int[] Rows, RawData Raw, ScoredCells Scored) LoadInputs(Preprocessing preprocessing, string path, DataOptions options, IReadOnlyList<string>? idColumns = null)
    {
        var raw = CsvLoader.LoadFor(preprocessing, path, options, requireTargets: false, idColumns);
        var features = preprocessing.FeatureNames.ToHashSet(StringComparer.Ordinal);
        var (rows, _, filled, missing, _) = ScoredRows(raw, [.. raw.Features.Where(c => features.Contains(c.Name))], preprocessing, options.Missing);
        var unknownCategory = preprocessing.UnknownCategoryFor(options);
        var inputs = preprocessing.EncodeFeatures(raw, rows, unknownCategory, options.WorkerCount);
        return (inputs, rows, raw, ScoredCells.Of(preprocessing, raw, rows, filled > 0 ? missing : null, unknownCategory));
    }

    /// <summary>
    /// The rows of a file scored by a trained model (--test, predict, evaluate, --resume) under the missing-value
    /// policy asked for it: drop-rows leaves rows with a missing value out; error refuses them; mean or median fill
    /// them, but only with the values the model learned (its own statistic: predict, evaluate and --resume refuse a
    /// --missing that names the other one before a file is read). A model trained with error or drop-rows learned
    /// nothing to fill with, and leaving rows out of another file unasked would give fewer answers than rows without
    /// a word, so there a missing value is an error unless drop-rows is asked for.
    /// </summary>
    private static (int[] Rows, int Dropped, int Filled, Dictionary<string, int> Missing, int Unlabelled) ScoredRows(RawData raw, RawColumn[] columns,
        Preprocessing model, MissingValuePolicy asked)
    {
        bool fills = model.Missing is MissingValuePolicy.Mean or MissingValuePolicy.Median;
        return asked switch
        {
            MissingValuePolicy.DropRows => UsableRows(raw, columns, MissingValuePolicy.DropRows),
            MissingValuePolicy.Error => UsableRows(raw, columns, MissingValuePolicy.Error, fills ? RefusedAdvice : NoFillAdvice),
            _ => UsableRows(raw, columns, fills ? model.Missing : MissingValuePolicy.Error, NoFillAdvice),
        };
    }

    private const string NoFillAdvice =
        "use --missing drop-rows to leave those rows out; filling them needs a model trained with --missing mean|median";

    private const string RefusedAdvice =
        "--missing error refuses them: leave it out to fill them with the values the model learned, or use --missing drop-rows to leave those rows out";

    /// <summary>The rows to use under the missing-value policy, how many were left out and how many values will be
    /// filled; stops with the count and the first location when missing values are an error. A row whose target (one
    /// of <paramref name="columns"/> that is a target) is missing is left out whatever the policy, and counted: a
    /// target cannot be filled in, and such rows are what a partly labelled file holds; a target missing in every row
    /// is an error.</summary>
    internal static (int[] Rows, int Dropped, int Filled, Dictionary<string, int> Missing, int Unlabelled) UsableRows(RawData raw, RawColumn[] columns, MissingValuePolicy policy,
        string advice = "use --missing mean|median|drop-rows")
    {
        var targets = columns.Where(c => raw.Targets.Contains(c)).ToArray();
        var unlabelled = MissingValueScan.Of(raw, targets);
        int labelledCount = raw.Rows - unlabelled.RowHasMissing.Count(missing => missing);
        if (labelledCount == 0)
        {
            var column = unlabelled.FirstColumn!;
            throw new InputException($"{raw.Path}: the target column '{column.Name}' (column {column.Index + 1}) is missing in every row ({raw.Missing.Description}); expected rows with a target value");
        }
        var all = MissingValueScan.Of(raw, [.. columns.Except(targets)], unlabelled.RowHasMissing);
        int[] labelled = [.. Enumerable.Range(0, raw.Rows).Where(r => !unlabelled.RowHasMissing[r])];
        int leftOut = raw.Rows - labelled.Length;
        foreach (var target in targets)
            all.ByColumn[target.Name] = unlabelled.ByColumn[target.Name];
        if (all.Count == 0)
            return (labelled, 0, 0, all.ByColumn, leftOut);
        switch (policy)
        {
            case MissingValuePolicy.Error:
                throw all.ToException(raw, advice);
            case MissingValuePolicy.DropRows:
                int[] kept = [.. labelled.Where(r => !all.RowHasMissing[r])];
                if (kept.Length == 0)
                    throw new InputException($"{raw.Path}: every row has a missing value ({raw.Missing.Description}); --missing drop-rows leaves none; the first at line {raw.Lines[all.FirstRow]}, column {all.FirstColumn!.Index + 1} ('{all.FirstColumn.Name}')");
                return (kept, labelled.Length - kept.Length, 0, all.ByColumn, leftOut);
            default:
                return (labelled, 0, all.Count, all.ByColumn, leftOut);
        }
    }
}
