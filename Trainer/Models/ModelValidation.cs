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
        foreach (var feature in prep.Features)
            CheckFeature(damaged, feature);

        if (prep.Task == TaskKind.Classification)
        {
            if (prep.TargetNames.Length != 1)
                throw new InputException($"{damaged} a classifier has one target, but preprocessing.target_names has {prep.TargetNames.Length}");
            if (prep.ClassNames.Length < 2)
                throw new InputException($"{damaged} preprocessing.class_names needs at least 2 classes, it has {prep.ClassNames.Length}");
            Unique(damaged, "preprocessing.class_names", "class", prep.ClassNames);
        }
        else
        {
            if (prep.TargetMeans.Length != prep.TargetNames.Length || prep.TargetScales.Length != prep.TargetNames.Length)
                throw new InputException($"{damaged} preprocessing has {prep.TargetNames.Length} targets but {prep.TargetMeans.Length} target_means and {prep.TargetScales.Length} target_scales");
            for (int k = 0; k < prep.TargetNames.Length; k++)
            {
                if (!double.IsFinite(prep.TargetMeans[k]) || !(prep.TargetScales[k] >= SmallestScale) || !float.IsFinite(prep.TargetScales[k]))
                    throw new InputException($"{damaged} target '{prep.TargetNames[k]}': its mean must be finite and its scale finite and at least {SmallestScale:G9}");
            }
        }
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

    private static void CheckFeature(string damaged, FeatureEncoding feature)
    {
        if (feature.IsCategorical)
        {
            if (feature.Categories is not { Length: > 0 })
                throw new InputException($"{damaged} feature '{feature.Name}' is categorical but has no categories");
            Unique(damaged, $"feature '{feature.Name}'", "category", feature.Categories);
            return;
        }
        if (!double.IsFinite(feature.Mean) || !float.IsFinite(feature.Scale) || !(feature.Scale >= SmallestScale))
            throw new InputException($"{damaged} feature '{feature.Name}': its mean must be finite and its scale finite and at least {SmallestScale:G9} (mean {feature.Mean}, scale {feature.Scale})");
        if (feature.Fill is { } fill && !double.IsFinite(fill))
            throw new InputException($"{damaged} feature '{feature.Name}': its fill value must be finite");
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
