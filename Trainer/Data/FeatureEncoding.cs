namespace NeuralNet.Data;

/// <summary>
/// How one input column becomes model inputs, fitted on the training rows. A numeric column is one input:
/// (value − Mean) / Scale, a missing value first replaced by <see cref="Fill"/>. A text column is a one-hot block
/// of <see cref="Categories"/>.Length inputs, a missing value first replaced by <see cref="FillCategory"/>.
/// </summary>
/// <param name="Fill">The mean or median of the training rows (--missing mean|median); null when missing values are not filled.</param>
/// <param name="Categories">The categories seen in the training file, sorted ordinally; empty for a numeric column.</param>
/// <param name="FillCategory">The most frequent category of the training rows (--missing mean|median), or null.</param>
/// <param name="SoftClip">For a numeric column scaled robustly: the bound c of the smooth clip z / √(1 + (z/c)²) applied
/// after centring and scaling (z); null when the scaled value is used as it is.</param>
public sealed record FeatureEncoding(string Name, bool IsCategorical, float Mean, float Scale, float? Fill, string[] Categories, string? FillCategory,
    float? SoftClip = null, bool? MissingIndicator = null)
{
    /// <summary>A numeric column with <see cref="MissingIndicator"/> is two inputs: its value (a missing one filled)
    /// and 1 where the value was missing, 0 elsewhere.</summary>
    public bool HasMissingIndicator => MissingIndicator == true;

    /// <summary>The model input of a numeric value: centred, scaled and, with <see cref="SoftClip"/>, smoothly clipped.</summary>
    public float Encode(float value)
    {
        float z = (value - Mean) / Scale;
        return SoftClip is { } c ? Clip(z, c) : z;
    }

    /// <summary>z / √(1 + (z/c)²): z near 0, ±c at ±∞. z is first held within ±<see cref="ClipRange"/>, where the
    /// result is c to float precision, so that (z/c)² cannot overflow to ∞ (which would give 0). The export computes
    /// the same steps (Clip, then z / √(1 + (z·(1/c))²) per input), so they are written the same way here for the same bits.</summary>
    public static float Clip(float z, float c)
    {
        z = Math.Clamp(z, -ClipRange, ClipRange);
        float scaled = z * (1f / c);
        return z / MathF.Sqrt(1f + scaled * scaled);
    }

    /// <summary>Beyond this a smoothly clipped value is its bound in float.</summary>
    public const float ClipRange = 1e18f;

    public int Width => IsCategorical ? Categories.Length : HasMissingIndicator ? 2 : 1;

    // Value equality of the categories too, so that a model's preprocessing read back equals the one saved.
    public bool Equals(FeatureEncoding? other) =>
        other is not null && Name == other.Name && IsCategorical == other.IsCategorical && Mean.Equals(other.Mean) && Scale.Equals(other.Scale)
        && Nullable.Equals(Fill, other.Fill) && Categories.SequenceEqual(other.Categories) && FillCategory == other.FillCategory
        && Nullable.Equals(SoftClip, other.SoftClip) && MissingIndicator == other.MissingIndicator;

    public override int GetHashCode() => HashCode.Combine(Name, IsCategorical, Mean, Scale, Fill, Categories.Length, FillCategory);
}

/// <summary>A column of the training file that is not a feature, and why: "--drop", "ID-like: ..." or "constant: ...".</summary>
public sealed record DroppedColumn(string Name, string Reason);
