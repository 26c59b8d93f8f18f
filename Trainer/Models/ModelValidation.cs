using NeuralNet.Data;

namespace NeuralNet.Models;

/// <summary>Checks every field of a parsed model document that the network and the preprocessing rely on, so a bad
/// file stops with one line naming the field instead of failing later (a duplicate class name would break the label
/// map, a zero scale would divide by zero, a missing target name would index out of range).</summary>
internal static class ModelValidation
{
    /// <summary>The smallest normal float: a standard deviation the trainer fits is never below it (it would be
    /// subnormal), and dividing by a smaller one turns ordinary values into infinities.</summary>
    public const float SmallestScale = 1.17549435E-38f;

    public static void Check(string path, ModelDocument document)
    {
        string damaged = $"{path}: damaged model file:";
        if (document.Architecture is not { Count: > 0 } || document.Architecture.Any(layer => layer is null))
            throw new InputException($"{damaged} architecture has no layers");
        var prep = document.Preprocessing ?? throw new InputException($"{damaged} preprocessing is missing");
        if (prep.Features is not { Length: > 0 } || prep.Features.Any(f => f is null))
            throw new InputException($"{damaged} preprocessing.features is empty");
        if (prep.TargetNames is not { Length: > 0 })
            throw new InputException($"{damaged} preprocessing.target_names is empty");
        if (prep.ClassNames is null || prep.TargetMeans is null || prep.TargetScales is null || prep.Dropped is null || prep.Dialect is null)
            throw new InputException($"{damaged} preprocessing is incomplete (class_names, target_means, target_scales, dropped and dialect are required)");
        Unique(damaged, "preprocessing.features", "feature", [.. prep.Features.Select(f => f.Name)]);
        Unique(damaged, "preprocessing.target_names", "target", prep.TargetNames);
        if (prep.Dropped.Any(d => d is null || d.Reason is null))
            throw new InputException($"{damaged} preprocessing.dropped has an entry without a name or a reason");
        Unique(damaged, "preprocessing.dropped", "column", [.. prep.Dropped.Select(d => d.Name)]);
        // One column of the file is one thing: a feature, a target or a column left out (an ID).
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (names, role) in new[] { (prep.FeatureNames, "a feature"), (prep.TargetNames, "a target"), (prep.Dropped.Select(d => d.Name).ToArray(), "a dropped column") })
        {
            foreach (string name in names)
            {
                if (!roles.TryAdd(name, role))
                    throw new InputException($"{damaged} preprocessing names '{name}' both {roles[name]} and {role}; a column is one of them");
            }
        }
        if (prep.NaValues is { } words && words.Any(w => w is null))
            throw new InputException($"{damaged} preprocessing.na_values has an entry that is not a word");
        if (prep.InputClip is { } clip && !(clip >= 1 && float.IsFinite(clip)))
            throw new InputException($"{damaged} preprocessing.input_clip must be a finite number of standard deviations, at least 1 (it is {clip})");
        bool fills = prep.Missing is MissingValuePolicy.Mean or MissingValuePolicy.Median;
        foreach (var feature in prep.Features)
            CheckFeature(damaged, feature, fills);

        if (prep.Task == TaskKind.Classification)
        {
            if (prep.TargetNames.Length != 1)
                throw new InputException($"{damaged} a classifier has one target, but preprocessing.target_names has {prep.TargetNames.Length}");
            if (prep.ClassNames.Length < 2)
                throw new InputException($"{damaged} preprocessing.class_names needs at least 2 classes, it has {prep.ClassNames.Length}");
            Unique(damaged, "preprocessing.class_names", "class", prep.ClassNames);
            if (prep.TargetMeans.Length > 0 || prep.TargetScales.Length > 0)
                throw new InputException($"{damaged} a classifier has no target_means or target_scales, but preprocessing has {prep.TargetMeans.Length} and {prep.TargetScales.Length}");
        }
        else
        {
            if (prep.ClassNames.Length > 0)
                throw new InputException($"{damaged} a regression model has no class_names, but preprocessing.class_names has {prep.ClassNames.Length}");
            if (prep.TargetMeans.Length != prep.TargetNames.Length || prep.TargetScales.Length != prep.TargetNames.Length)
                throw new InputException($"{damaged} preprocessing has {prep.TargetNames.Length} targets but {prep.TargetMeans.Length} target_means and {prep.TargetScales.Length} target_scales");
            for (int k = 0; k < prep.TargetNames.Length; k++)
            {
                if (!double.IsFinite(prep.TargetMeans[k]) || !(prep.TargetScales[k] >= SmallestScale) || !float.IsFinite(prep.TargetScales[k]))
                    throw new InputException($"{damaged} target '{prep.TargetNames[k]}': its mean must be finite and its scale finite and at least {SmallestScale:G9}");
            }
        }
        // --resume draws its split from the run record: a share outside [0, 1) would hold out no row or every row.
        if (document.Run is { } run && !(run.ValidationSplit >= 0 && run.ValidationSplit < 1))
            throw new InputException(System.FormattableString.Invariant($"{damaged} run.validation_split must be at least 0 and below 1, not {run.ValidationSplit}"));
        if (document.Run?.ClassWeights is { } weights)
            CheckClassWeights(damaged, weights, prep.Task == TaskKind.Classification ? prep.ClassNames : []);
    }

    // The record is informational, but a weight for a class the model does not have would misreport the run.
    private static void CheckClassWeights(string damaged, IReadOnlyDictionary<string, double> weights, string[] classNames)
    {
        if (!weights.Keys.SequenceEqual(classNames, StringComparer.Ordinal))
            throw new InputException($"{damaged} run.class_weights names the classes {string.Join(", ", weights.Keys)}; the model's are {(classNames.Length == 0 ? "none (a regression model)" : string.Join(", ", classNames))}");
        if (weights.FirstOrDefault(w => !double.IsFinite(w.Value) || w.Value < 0) is { Key: not null } bad)
            throw new InputException(System.FormattableString.Invariant($"{damaged} run.class_weights: the weight of class '{bad.Key}' must be a finite number of at least 0, not {bad.Value}"));
    }

    /// <param name="fills">The model fills missing values (--missing mean|median): each numeric feature has a fill.</param>
    private static void CheckFeature(string damaged, FeatureEncoding feature, bool fills)
    {
        if (feature.Categories is null)
            throw new InputException($"{damaged} feature '{feature.Name}' has no categories list");
        if (feature.IsCategorical)
        {
            if (feature.Categories.Length == 0)
                throw new InputException($"{damaged} feature '{feature.Name}' is categorical but has no categories");
            Unique(damaged, $"feature '{feature.Name}'", "category", feature.Categories);
            if (feature.FillCategory is { } fill && !feature.Categories.Contains(fill, StringComparer.Ordinal))
                throw new InputException($"{damaged} feature '{feature.Name}': its fill category '{fill}' is not one of its categories");
            if (feature.MissingCategory && feature.FillCategory is not null)
                throw new InputException($"{damaged} feature '{feature.Name}' has both a missing category and a fill category");
            if (feature.MissingCategory && !fills)
                throw new InputException($"{damaged} feature '{feature.Name}' has a missing category, but the model does not fill missing values");
            return;
        }
        if (feature.Categories.Length > 0 || feature.FillCategory is not null || feature.MissingCategory)
            throw new InputException($"{damaged} feature '{feature.Name}' is numeric but has categories");
        if (!double.IsFinite(feature.Mean) || !float.IsFinite(feature.Scale) || !(feature.Scale >= SmallestScale))
            throw new InputException($"{damaged} feature '{feature.Name}': its mean must be finite and its scale finite and at least {SmallestScale:G9} (mean {feature.Mean}, scale {feature.Scale})");
        if (feature.Fill is { } value && !double.IsFinite(value))
            throw new InputException($"{damaged} feature '{feature.Name}': its fill value must be finite");
        if (fills != feature.Fill.HasValue)
            throw new InputException($"{damaged} feature '{feature.Name}' {(fills ? "has no fill value, but the model fills missing values" : "has a fill value, but the model does not fill missing values")}");
    }

    private static void Unique(string damaged, string where, string what, string?[] names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? name in names)
        {
            if (string.IsNullOrEmpty(name))
                throw new InputException($"{damaged} {where} has an empty {what} name");
            if (!seen.Add(name))
                throw new InputException($"{damaged} {where} names {what} '{name}' twice");
        }
    }
}
