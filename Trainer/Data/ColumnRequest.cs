using System.Globalization;

namespace NeuralNet.Data;

/// <summary>A column to read: where it is, what it is for, and as what (null: decided from all of its cells, see
/// <see cref="ColumnTypes"/>); <paramref name="Source"/> says who decided the kind (an option or the model).</summary>
/// <param name="KeepText">A numeric column whose cells are also kept as text (an ID predict copies verbatim).</param>
internal sealed record ColumnRequest(int Index, string Name, bool IsTarget, ColumnKind? Kind, string? Source = null, bool KeepText = false)
{
    public const string ByModel = "model";
}

/// <summary>Finds the columns a run asks for in a file's header.</summary>
internal static class ColumnRequests
{
    /// <summary>Header names that mark the target when <c>--target</c> is not given (Kaggle-style files put
    /// <c>label</c> first).</summary>
    public static readonly string[] TargetNames = ["target", "label", "class", "y"];

    /// <summary>Training: the targets (by name or index; null for the first column named as in
    /// <see cref="TargetNames"/>, in that order, else the last column), and every other column not
    /// dropped as a feature whose kind the data decides.</summary>
    public static (ColumnRequest[] Requests, string[] Dropped) ForTraining(CsvScan scan, IReadOnlyList<string>? targets, DataOptions options)
    {
        var drop = options.Drop;
        var header = scan.Header;
        int[] targetColumns = targets is null or [] ? [DefaultTarget(header)] : [.. targets.Select(t => Find(scan, t, "target"))];
        if (targetColumns.Distinct().Count() != targetColumns.Length)
            throw new InputException($"{scan.Path}: a target column is named twice in --target");
        var dropped = new SortedSet<int>(drop.Select(d => Find(scan, d, "--drop")));
        if (dropped.FirstOrDefault(targetColumns.Contains, -1) is var both and >= 0)
            throw new InputException($"{scan.Path}: column '{header[both]}' is both a target and dropped with --drop");
        var requests = targetColumns.Select(c => new ColumnRequest(c, header[c], true, ColumnKind.Text, "target")).ToList();
        var categorical = options.Categorical.Select(name => Find(scan, name, "--categorical")).ToHashSet();
        var numeric = options.Numeric.Select(name => Find(scan, name, "--numeric")).ToHashSet();
        if (categorical.Intersect(numeric).FirstOrDefault(-1) is var twice and >= 0)
            throw new InputException($"{scan.Path}: column '{header[twice]}' is named in both --categorical and --numeric");
        if (categorical.Union(numeric).FirstOrDefault(targetColumns.Contains, -1) is var target and >= 0)
            throw new InputException($"{scan.Path}: column '{header[target]}' is a target; --categorical and --numeric are for feature columns (--task classification|regression decides how a target is read)");
        requests.AddRange(Enumerable.Range(0, header.Length)
            .Where(c => !targetColumns.Contains(c) && !dropped.Contains(c))
            .Select(c => categorical.Contains(c) ? new ColumnRequest(c, header[c], false, ColumnKind.Text, "--categorical")
                : numeric.Contains(c) ? new ColumnRequest(c, header[c], false, ColumnKind.Numeric, "--numeric")
                : new ColumnRequest(c, header[c], false, null)));
        if (requests.Count == targetColumns.Length)
            throw new InputException($"{scan.Path}: no feature columns are left besides the target{(targetColumns.Length > 1 ? "s" : "")}; the columns are {ListOf(header)}");
        return ([.. requests], [.. dropped.Select(c => header[c])]);
    }

    /// <summary>The first of <see cref="TargetNames"/>, in that order, that names a column (label before y, so that
    /// <c>label,x,y</c> predicts the label of points), else the last column.</summary>
    private static int DefaultTarget(string[] header)
    {
        foreach (string name in TargetNames)
        {
            int c = Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (c >= 0)
                return c;
        }
        return header.Length - 1;
    }

    /// <summary>Another file for a trained model: its feature columns by name, with the kinds they had in training,
    /// and the target columns when present (required when <paramref name="requireTargets"/>). Names are matched
    /// exactly: a column whose name differs only in case (a file with 'B' for a model's 'b') is refused naming both,
    /// never read as the model's column without a word.</summary>
    public static ColumnRequest[] ForModel(CsvScan scan, Preprocessing preprocessing, bool requireTargets)
    {
        var requests = new List<ColumnRequest>();
        var targets = preprocessing.TargetNames.Select(name => Array.IndexOf(scan.Header, name)).ToArray();
        if (requireTargets && Array.IndexOf(targets, -1) is int absent and >= 0)
            throw new InputException($"{scan.Path}: there is no target column '{preprocessing.TargetNames[absent]}', which the model was trained with{Similar(scan.Header, preprocessing.TargetNames[absent])}; the columns are {ListOf(scan.Header)}");
        if (targets.All(c => c >= 0))
            requests.AddRange(targets.Select(c => new ColumnRequest(c, scan.Header[c], true, ColumnKind.Text, ColumnRequest.ByModel)));
        foreach (var feature in preprocessing.Features)
        {
            int c = Array.IndexOf(scan.Header, feature.Name);
            if (c < 0)
                throw new InputException($"{scan.Path}: the feature column '{feature.Name}' the model was trained with is missing{Similar(scan.Header, feature.Name)}; the columns are {ListOf(scan.Header)}");
            requests.Add(new ColumnRequest(c, feature.Name, false, feature.IsCategorical ? ColumnKind.Text : ColumnKind.Numeric, ColumnRequest.ByModel));
        }
        return [.. requests];
    }

    // " (the file's column 'B' differs from it only in case; column names are matched exactly)", or "".
    private static string Similar(string[] header, string name) =>
        Array.Find(header, h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } near
            ? $" (the file's column '{CsvScan.Shorten(near)}' differs from it only in case; a model's columns are matched exactly: rename it)"
            : "";

    /// <summary>The header name of the column <paramref name="nameOrIndex"/> names as <c>--target</c> and <c>--drop</c>
    /// read it (a name, else a 0-based index, negative from the end); the text itself when no column matches.</summary>
    public static string NameOf(string[] header, string nameOrIndex) =>
        TryFind(header, nameOrIndex, out int byName) ? header[byName]
        : int.TryParse(nameOrIndex, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) && index >= -header.Length && index < header.Length ? header[index < 0 ? header.Length + index : index]
        : nameOrIndex;

    /// <summary>A column by header name, else by 0-based index (negative counts from the end).</summary>
    private static int Find(CsvScan scan, string name, string role)
    {
        var header = scan.Header;
        if (TryFind(header, name, out int byName))
            return byName;
        if (int.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) && index >= -header.Length && index < header.Length)
            return index < 0 ? header.Length + index : index;
        throw new InputException($"{scan.Path}: there is no {role} column '{CsvScan.Shorten(name)}'; the columns are {ListOf(header)}");
    }

    /// <summary>Column names for a message: all of them, or the first ten and how many there are.</summary>
    public static string ListOf(string[] header) =>
        header.Length <= 12 ? string.Join(", ", header.Select(CsvScan.Shorten)) : $"{string.Join(", ", header.Take(10).Select(CsvScan.Shorten))}, ... ({header.Length} columns)";

    // An exact match wins; otherwise the name is matched ignoring case and surrounding spaces.
    private static bool TryFind(string[] header, string name, out int column)
    {
        column = Array.IndexOf(header, name);
        if (column < 0)
            column = Array.FindIndex(header, h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        return column >= 0;
    }
}
