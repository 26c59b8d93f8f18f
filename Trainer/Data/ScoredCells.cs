using static System.FormattableString;

namespace NeuralNet.Data;

/// <summary>
/// What scoring a file with a trained model did to its cells without stopping (predict, evaluate): missing values
/// filled with what the model learned (--missing mean|median in training), and values of categories the training rows
/// did not have, encoded as all zeros (--unknown-category ignore). Training says both of its own file; the lines of
/// <see cref="Lines"/> say them of a scored one, so that a value is never changed without a word.
/// </summary>
/// <param name="Filled">Missing values filled, by feature column, in the model's order; columns without any left out.</param>
/// <param name="Unseen">Values of unseen categories encoded as all zeros, by text column.</param>
public sealed record ScoredCells(IReadOnlyList<(FeatureEncoding Feature, int Count)> Filled, IReadOnlyList<UnseenCategories.Column> Unseen)
{
    public static ScoredCells None { get; } = new([], []);

    /// <param name="missingByColumn">The missing values of each column in <paramref name="rows"/>, when they are filled
    /// (null when the policy left rows out or stopped instead).</param>
    public static ScoredCells Of(Preprocessing preprocessing, RawData raw, int[] rows, IReadOnlyDictionary<string, int>? missingByColumn, UnknownCategoryPolicy unknownCategory)
    {
        var filled = missingByColumn is null ? [] : preprocessing.Features
            .Select(f => (Feature: f, Count: missingByColumn.GetValueOrDefault(f.Name)))
            .Where(p => p.Count > 0).ToArray();
        var unseen = new List<UnseenCategories.Column>();
        // Under --unknown-category error the encoding stops at the first one instead.
        if (unknownCategory == UnknownCategoryPolicy.Ignore)
        {
            foreach (var feature in preprocessing.Features.Where(f => f.IsCategorical))
            {
                var texts = raw.Features.First(c => c.Name == feature.Name).Texts!;
                var codes = TextCodes.Of(texts);
                var known = feature.Categories.ToHashSet(StringComparer.Ordinal);
                var isUnseen = codes.Values.Select(text => !known.Contains(text)).ToArray();
                int count = 0, first = -1;
                foreach (int r in rows)
                {
                    int code = codes.Codes[r];
                    if (code >= 0 && isUnseen[code])
                    {
                        count++;
                        if (first < 0)
                            first = code;
                    }
                }
                if (count > 0)
                    unseen.Add(new UnseenCategories.Column(feature.Name, count, codes.Values[first]));
            }
        }
        return new ScoredCells(filled, unseen);
    }

    /// <summary>Nothing to say on a file with no gap and no unseen category: no line at all.</summary>
    public IEnumerable<string> Lines(string path, MissingValuePolicy modelPolicy)
    {
        if (Filled.Count > 0)
        {
            int total = Filled.Sum(f => f.Count);
            string statistic = modelPolicy == MissingValuePolicy.Mean ? "mean" : "median";
            var columns = Filled.Take(MaxColumns).Select(f => Invariant($"'{f.Feature.Name}' {f.Count} ({How(f.Feature, statistic)})"));
            string more = Filled.Count > MaxColumns ? Invariant($" and {Filled.Count - MaxColumns} more columns") : "";
            yield return Invariant($"missing: {path}: {total} value{(total == 1 ? "" : "s")} filled as the model learned from its training rows: {string.Join(", ", columns)}{more} (--missing error refuses them)");
        }
        if (Unseen.Count > 0)
            yield return $"unseen: {path}: {UnseenCategories.Describe(Unseen)}";
    }

    private const int MaxColumns = 10;

    private static string How(FeatureEncoding feature, string statistic) =>
        !feature.IsCategorical ? Invariant($"{statistic} {feature.Fill:G6}")
        : feature.MissingCategory ? "a category of its own"
        : feature.FillCategory is { } category ? $"'{CsvScan.Shorten(category)}'"
        : "all zeros: training had no missing value there";
}
