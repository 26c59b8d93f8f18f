using NeuralNet.Data;
using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary>The lines printed before training: what was read, how, and what the model gets.</summary>
public static class DataSummary
{
    public static IEnumerable<string> Lines(TrainingRequest request, PreparedData data)
    {
        var prep = data.Preprocessing;
        int used = data.Train.Count + data.Validation.Count;
        int categorical = prep.Features.Count(f => f.IsCategorical);
        string encoded = categorical == 0
            ? $"{prep.InputCount} features"
            : $"{prep.InputCount} features after encoding ({prep.Features.Length - categorical} numeric, {prep.InputCount - prep.Features.Length + categorical} one-hot from {categorical} text column{(categorical == 1 ? "" : "s")})";
        yield return Invariant($"data: {request.DataPath}: {data.Rows} rows, {encoded}; target{(prep.TargetNames.Length > 1 ? "s" : "")} {string.Join(", ", prep.TargetNames.Select(n => $"'{n}'"))} (read {data.LoadSeconds:0.000} s, prepared {data.PrepareSeconds:0.000} s)");
        yield return $"csv: {prep.Dialect.Describe(data.Sniffed)}, encoding {data.Encoding}";
        foreach (string line in ColumnTable.Lines(prep, data.MissingByColumn))
            yield return line;
        foreach (var group in prep.Dropped.GroupBy(d => d.Reason))
            yield return $"dropped: {Names(group.Select(d => d.Name))}: {group.Key}";
        if (data.Unlabelled > 0)
            yield return Invariant($"unlabelled: {data.Unlabelled} row{(data.Unlabelled == 1 ? "" : "s")} without a target value left out ({TargetCounts(prep, data)}), {data.Rows - data.Unlabelled} labelled rows");
        if (data.RowsDropped > 0)
            yield return Invariant($"missing: {data.RowsDropped} rows with missing values left out (--missing drop-rows), {used} rows used");
        if (data.ValuesFilled > 0)
        {
            string statistic = prep.Missing == MissingValuePolicy.Median ? "median" : "mean";
            foreach (var feature in prep.Features)
            {
                if (data.MissingByColumn.GetValueOrDefault(feature.Name) is not (> 0 and var count))
                    continue;
                string column = feature.Name;
                yield return feature.IsCategorical
                    ? Invariant($"missing: '{column}': {count} value{(count == 1 ? "" : "s")} read as a category of their own, apart from every value of the column (--missing error refuses them)")
                    : Invariant($"missing: '{column}': {count} value{(count == 1 ? "" : "s")} filled with the training rows' {statistic} {feature.Fill:G6} (--missing error refuses them)");
            }
        }
        if (prep.Task == TaskKind.Classification)
        {
            var counts = new int[prep.ClassNames.Length];
            foreach (int label in data.Train.Labels!.Concat(data.Validation.Labels!))
                counts[label]++;
            yield return Invariant($"task: classification, {prep.ClassNames.Length} classes: {string.Join(", ", prep.ClassNames.Take(MaxClassesListed).Select((name, i) => $"{CsvScan.Shorten(name)} ({counts[i]})"))}{(prep.ClassNames.Length > MaxClassesListed ? ", ..." : "")}");
        }
        else
        {
            var stats = prep.TargetNames.Select((name, t) => Invariant($"{(prep.TargetNames.Length > 1 ? $"'{name}' " : "")}mean {prep.TargetMeans[t]:G6}, std {prep.TargetScales[t]:G6}"));
            yield return $"task: regression{(prep.TargetNames.Length > 1 ? $", {prep.TargetNames.Length} outputs" : "")} ({string.Join("; ", stats)}; losses are on the standardised target{(prep.TargetNames.Length > 1 ? "s" : "")})";
        }
        foreach (string note in data.Notes)
            yield return note;
    }

    /// <summary>How the rows are held out for validation: one split, or an ensemble's folds.</summary>
    public static string Split(TrainingRequest request, PreparedData data, int members)
    {
        var prep = data.Preprocessing;
        bool stratified = prep.Task == TaskKind.Classification && !data.Notes.Any(n => n.Contains("without stratification", StringComparison.Ordinal));
        if (members > 1)
            return Invariant($"split: {data.Train.Count:N0} rows in {TrainingPipeline.FoldsFor(request)} {(prep.Task == TaskKind.Classification ? "stratified " : "")}folds (seed {request.Seed}); each of the {members} members of the ensemble is validated on its own fold and trains on the others");
        return Invariant($"split: {data.Train.Count} train, {data.Validation.Count} validation ({(stratified ? "stratified, " : "")}seed {request.Seed})");
    }

    private const int MaxClassesListed = 30;

    // "'y' missing in 12 rows", per target that has gaps.
    private static string TargetCounts(Preprocessing prep, PreparedData data) => string.Join(", ", prep.TargetNames
        .Where(t => data.MissingByColumn.GetValueOrDefault(t) > 0)
        .Select(t => Invariant($"'{t}' missing in {data.MissingByColumn[t]}")));

    /// <summary>--verbose: each feature's fitted encoding, one line each: "feature 'Age': numeric, mean 29.7, scale
    /// 14.2; missing → 28 (median)" or "feature 'Embarked': text, 3 categories: C, Q, S; missing → a category of its own".</summary>
    public static IEnumerable<string> Encodings(Preprocessing prep) => prep.Features.Select(f => f.IsCategorical
        ? Invariant($"feature '{f.Name}': text, {f.Categories.Length} categories: {Names(f.Categories)}{(f.MissingCategory ? "; missing → a category of its own" : f.FillCategory is { } fill ? $"; missing → {fill}" : "")}")
        : Invariant($"feature '{f.Name}': numeric, mean {f.Mean:G6}, scale {f.Scale:G6}{(f.Fill is { } value ? $"; missing → {value:G6} ({prep.Missing.ToString().ToLowerInvariant()})" : "")}"));

    /// <summary>Names for a line: all of them, or the first eight and how many more.</summary>
    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 10 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(8))} and {list.Count - 8} more";
    }
}
