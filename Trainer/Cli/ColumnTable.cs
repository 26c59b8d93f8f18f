using NeuralNet.Data;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary>
/// The summary's table of the feature columns as read: name, decided type, missing values, and the mean (numeric)
/// or the categories (categorical). A wide file stays short: with more than <see cref="MaxLines"/> features,
/// consecutive columns of the same type and missing count share one line (Fashion-MNIST's 784 pixels are one line:
/// <c>pixel1..pixel784 (784)  numeric  0  mean 0 to 97.3</c>), and at most <see cref="MaxLines"/> lines are printed.
/// </summary>
public static class ColumnTable
{
    public const int MaxLines = 12;

    public static IEnumerable<string> Lines(Preprocessing prep, IReadOnlyDictionary<string, int> missing)
    {
        var rows = prep.Features.Select((f, i) => new Row(f.Name, f.Name, 1, f.IsCategorical ? "categorical" : "numeric", missing.GetValueOrDefault(f.Name),
            new ArraySegment<FeatureEncoding>(prep.Features, i, 1))).ToList();
        if (rows.Count > MaxLines)
            rows = Grouped(rows);
        var cells = rows.Take(MaxLines).Select(r => (Name: r.Count == 1 ? CsvScan.Shorten(r.First) : Invariant($"{CsvScan.Shorten(r.First)}..{CsvScan.Shorten(r.Last)} ({r.Count})"),
            r.Type, Missing: Invariant($"{r.Missing}"), Values: r.Values)).ToList();
        int name = Math.Max(4, cells.Max(c => c.Name.Length));
        int type = Math.Max(4, cells.Max(c => c.Type.Length));
        int miss = Math.Max(7, cells.Max(c => c.Missing.Length));
        yield return $"columns: {"name".PadRight(name)}  {"type".PadRight(type)}  {"missing".PadLeft(miss)}  values";
        foreach (var c in cells)
            yield return $"         {c.Name.PadRight(name)}  {c.Type.PadRight(type)}  {c.Missing.PadLeft(miss)}  {c.Values}";
        if (rows.Count > MaxLines)
            yield return Invariant($"         ... {rows.Skip(MaxLines).Sum(r => r.Count)} more columns");
    }

    private static List<Row> Grouped(List<Row> rows)
    {
        var groups = new List<Row>();
        foreach (var row in rows)
        {
            if (groups.Count > 0 && groups[^1] is var last && last.Type == row.Type && last.Missing == row.Missing)
                groups[^1] = last with { Last = row.First, Count = last.Count + row.Count, Features = Widened(last.Features, row.Count) };
            else
                groups.Add(row);
        }
        return groups;
    }

    // A group's columns are consecutive: its features are a segment of prep.Features, widened in place rather than
    // copied into a longer array per column (784 pixel columns made 2.5 MB of arrays).
    private static ArraySegment<FeatureEncoding> Widened(ArraySegment<FeatureEncoding> features, int by) =>
        new(features.Array!, features.Offset, features.Count + by);

    /// <param name="Features">The row's features: a segment of the preprocessing's.</param>
    private sealed record Row(string First, string Last, int Count, string Type, int Missing, ArraySegment<FeatureEncoding> Features)
    {
        public string Values
        {
            get
            {
                if (Type == "numeric")
                {
                    double low = Features.Min(f => f.Mean), high = Features.Max(f => f.Mean);
                    return Count == 1 ? Invariant($"mean {low:G4}") : Invariant($"mean {low:G4} to {high:G4}");
                }
                var categories = Features.SelectMany(f => f.Categories).ToArray();
                if (Count > 1)
                    return Invariant($"{categories.Length} categories in all");
                string listed = string.Join(", ", categories.Take(5).Select(CsvScan.Shorten));
                return Invariant($"{categories.Length} categories: {listed}{(categories.Length > 5 ? ", ..." : "")}");
            }
        }
    }
}
