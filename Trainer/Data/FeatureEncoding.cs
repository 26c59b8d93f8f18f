namespace NeuralNet.Data;

/// <summary>
/// How one input column becomes model inputs, fitted on the training rows. A numeric column is one input:
/// (value − Mean) / Scale, a missing value first replaced by <see cref="Fill"/>. A text column is a one-hot block
/// of <see cref="Categories"/>.Length inputs, a missing value first replaced by <see cref="FillCategory"/>.
/// </summary>
/// <param name="Mean">The training rows' mean, in double: a column of large values close together (epoch times)
/// needs more digits than a float has to be centred (files saved before it was double hold a float here).</param>
/// <param name="Fill">The mean or median of the training rows (--missing mean|median), in double like
/// <paramref name="Mean"/>; null when missing values are not filled.</param>
/// <param name="Categories">The categories seen in the training file, sorted ordinally; empty for a numeric column.</param>
/// <param name="FillCategory">The most frequent category of the training rows (--missing mean|median), or null.</param>
public sealed record FeatureEncoding(string Name, bool IsCategorical, double Mean, float Scale, double? Fill, string[] Categories, string? FillCategory)
{
    public int Width => IsCategorical ? Categories.Length : 1;

    // Value equality of the categories too, so that a model's preprocessing read back equals the one saved.
    public bool Equals(FeatureEncoding? other) =>
        other is not null && Name == other.Name && IsCategorical == other.IsCategorical && Mean.Equals(other.Mean) && Scale.Equals(other.Scale)
        && Nullable.Equals(Fill, other.Fill) && Categories.SequenceEqual(other.Categories) && FillCategory == other.FillCategory;

    public override int GetHashCode() => HashCode.Combine(Name, IsCategorical, Mean, Scale, Fill, Categories.Length, FillCategory);
}

/// <summary>A column of the training file that is not a feature, and why: "--drop", "ID-like: ..." or "constant: ...".</summary>
public sealed record DroppedColumn(string Name, string Reason);
