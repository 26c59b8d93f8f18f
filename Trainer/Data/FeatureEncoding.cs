using System.Text.Json.Serialization;

namespace NeuralNet.Data;

/// <summary>
/// How one input column becomes model inputs, fitted on the training rows. A numeric column is one input:
/// (value − Mean) / Scale, a missing value first replaced by <see cref="Fill"/>. A text column is a one-hot block
/// of <see cref="Categories"/>.Length inputs, and one more, last, when <see cref="MissingCategory"/>: a missing
/// value is a category of its own (as gradient boosting treats it), apart from every value, "NA" and "None"
/// included, that the file holds as text.
/// </summary>
/// <param name="Mean">The training rows' mean, in double: a column of large values close together (epoch times)
/// needs more digits than a float has to be centred (files saved before it was double hold a float here).</param>
/// <param name="Fill">The mean or median of the training rows (--missing mean|median), in double like
/// <paramref name="Mean"/>; null when missing values are not filled.</param>
/// <param name="Categories">The categories seen in the training file, sorted ordinally; empty for a numeric column.</param>
/// <param name="FillCategory">Files saved before <paramref name="MissingCategory"/>: the most frequent category of
/// the training rows (--missing mean|median), which a missing value was read as; null in newer files.</param>
/// <param name="MissingCategory">A text column whose training file had missing values under --missing
/// mean|median: they are the block's last input. Without it (no missing value in training) a missing value of a
/// scored file is all zeros, as an unseen category is. Written only when true.</param>
public sealed record FeatureEncoding(string Name, bool IsCategorical, double Mean, float Scale, double? Fill, string[] Categories, string? FillCategory,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool MissingCategory = false)
{
    public int Width => IsCategorical ? Categories.Length + (MissingCategory ? 1 : 0) : 1;

    // Value equality of the categories too, so that a model's preprocessing read back equals the one saved.
    public bool Equals(FeatureEncoding? other) =>
        other is not null && Name == other.Name && IsCategorical == other.IsCategorical && Mean.Equals(other.Mean) && Scale.Equals(other.Scale)
        && Nullable.Equals(Fill, other.Fill) && Categories.SequenceEqual(other.Categories) && FillCategory == other.FillCategory
        && MissingCategory == other.MissingCategory;

    public override int GetHashCode() => HashCode.Combine(Name, IsCategorical, Mean, Scale, Fill, Categories.Length, FillCategory);
}

/// <summary>A column of the training file that is not a feature, and why: "--drop", "ID-like: ..." or "constant: ...".</summary>
public sealed record DroppedColumn(string Name, string Reason);
