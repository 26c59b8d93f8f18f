namespace NeuralNet.Data;

/// <summary>Decides the task from the target columns and finds the classes.</summary>
public static class TargetAnalysis
{
    /// <summary>Integer targets with at most this many distinct values are taken as classes.</summary>
    public const int MaxIntegerClasses = 20;

    /// <summary>The task, unless <paramref name="forced"/> says: several targets are a regression; one is a
    /// classification when it has text or at most <see cref="MaxIntegerClasses"/> distinct integers.</summary>
    public static TaskKind DetectTask(RawData raw, int[] rows, TaskKind? forced)
    {
        if (raw.Targets.Length > 1)
        {
            if (forced == TaskKind.Classification)
                throw new InputException($"{raw.Path}: classification takes one target column, not {raw.Targets.Length} ({string.Join(", ", raw.TargetNames)}); several targets are a multi-output regression");
            return TaskKind.Regression;
        }
        if (forced is { } task)
            return task;
        var texts = raw.Targets[0].Texts!;
        // A numeric target with a few bad cells is not a classification of those cells.
        var (numbers, distinctNumbers, firstText) = ColumnTypes.NumbersOf(texts, rows, raw.Dialect.DecimalComma);
        int others = rows.Length - numbers;
        // Many of both are class names, as are a few numeric codes among text; a few stray texts among numbers are an error.
        if (numbers > 0 && others > 0 && !ColumnTypes.AreCodes(numbers, distinctNumbers, others) && ColumnTypes.IsFewStrays(numbers, others))
        {
            var target = raw.Targets[0];
            int row = rows[firstText];
            throw InputException.At(raw.Path, raw.Lines[row], target.Index + 1, System.FormattableString.Invariant(
                $"'{CsvScan.Shorten(texts[row]!)}' in target column '{target.Name}' is not a number{RecordProblem.Hint(texts[row]!, raw.Dialect)} ({numbers} of {rows.Length} cells are numbers); fix it, or pass --task classification to read every value as a class name"));
        }
        if (ColumnTypes.Foreign(raw.Path, raw, texts, rows, numbers, others, $"target column '{raw.Targets[0].Name}'", raw.Targets[0].Index) is { } foreign)
            throw new InputException($"{foreign.Message}; or pass --task classification to read every value as a class name", foreign);
        // Each distinct text parsed once; then the first row that is not an integer decides, as row by row.
        var codes = TextCodes.Of(texts);
        var values = new double[codes.Values.Length];
        var kinds = codes.Values.Select((text, code) => !raw.Dialect.TryParseNumber(text, out values[code]) ? Kind.Text
            : values[code] != Math.Floor(values[code]) ? Kind.Fraction : Kind.Integer).ToArray();
        foreach (int r in rows)
        {
            var kind = codes.Codes[r] is int code and >= 0 ? kinds[code] : Kind.Text;
            if (kind == Kind.Text)
                return TextClasses(raw, rows, codes);
            if (kind == Kind.Fraction)
                return TaskKind.Regression;
        }
        var counts = codes.Counts(rows);
        int distinct = values.Where((_, code) => counts[code] > 0).Distinct().Count();
        return distinct <= MaxIntegerClasses ? TaskKind.Classification : TaskKind.Regression;
    }

    /// <summary>A target column whose cells are all integers (missing aside) with each written in plain digits, so
    /// that 1 and 1.0 (or 0 and 00) are one class; other columns as they are.</summary>
    internal static RawColumn ByValue(RawColumn column, bool decimalComma)
    {
        if (column.Texts is not { } texts)
            return column;
        var codes = TextCodes.Of(texts);
        var canonical = new string[codes.Values.Length];
        for (int code = 0; code < canonical.Length; code++)
        {
            string text = codes.Values[code];
            // Integers only (below 1e15, written in plain digits): the values that can be classes. Other targets
            // keep their text, which messages quote.
            if (!NumberGrammar.IsNumber(text, decimalComma, out double value) || value != Math.Floor(value) || Math.Abs(value) >= 1e15)
                return column;
            canonical[code] = (value + 0.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (canonical.SequenceEqual(codes.Values, StringComparer.Ordinal))
            return column;
        return column with { Texts = [.. codes.Codes.Select(code => code < 0 ? null : canonical[code])] };
    }

    /// <summary>A classification of text classes, unless there are more than half as many classes as rows (and more
    /// than <see cref="MaxIntegerClasses"/>): such a column is an ID or numbers, not classes, and is refused
    /// unless --task classification says so.</summary>
    private static TaskKind TextClasses(RawData raw, int[] rows, TextCodes codes)
    {
        var counts = codes.Counts(rows);
        int classes = counts.Count(count => count > 0) + (rows.Any(r => codes.Codes[r] < 0) ? 1 : 0);
        if (classes > Math.Max(MaxIntegerClasses, rows.Length / 2))
            throw new InputException(System.FormattableString.Invariant(
                $"{raw.Path}: the target column '{CsvScan.Shorten(raw.Targets[0].Name)}' has {classes:N0} different values in {rows.Length:N0} rows, more than half: that is an ID or a number, not classes; pick the target with --target, or pass --task classification to train these classes anyway"));
        return TaskKind.Classification;
    }

    /// <summary>The class names of the target of <paramref name="rows"/>: sorted numerically when all are numbers,
    /// else ordinally.</summary>
    /// <param name="unlabelled">Rows left out of <paramref name="rows"/> because their target is missing: a refusal
    /// for a single class says how many (the classes they hide are not seen).</param>
    public static string[] ClassNames(RawData raw, int[] rows, int unlabelled = 0)
    {
        var target = raw.Targets[0];
        var codes = TextCodes.Of(target.Texts!);
        var counts = codes.Counts(rows);
        var names = codes.Values.Where((_, code) => counts[code] > 0).ToArray();
        if (names.All(n => raw.Dialect.TryParseNumber(n, out _)))
            Array.Sort(names, (a, b) => Number(raw, a).CompareTo(Number(raw, b)));
        else
            Array.Sort(names, StringComparer.Ordinal);
        if (names.Length < 2)
            throw new InputException($"{raw.Path}: the target column '{target.Name}' has a single class ('{CsvScan.Shorten(names.FirstOrDefault() ?? "")}'); classification needs at least two"
                + (unlabelled == 0 ? "" : System.FormattableString.Invariant($"; {unlabelled:N0} row{(unlabelled == 1 ? "" : "s")} whose target is missing ({raw.Missing.Description}) {(unlabelled == 1 ? "was" : "were")} left out")));
        return names;
    }

    private static double Number(RawData raw, string text) => raw.Dialect.TryParseNumber(text, out double value) ? value : double.NaN;

    private enum Kind
    {
        Text,
        Fraction,
        Integer,
    }
}
