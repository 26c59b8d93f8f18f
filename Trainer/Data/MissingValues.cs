namespace NeuralNet.Data;

/// <summary>The field values that mean "no value": an empty field and these words, matched exactly.</summary>
public static class MissingValues
{
    /// <summary>Given to CsvHelper as its null values, so that <c>IsNull</c> recognises them (and empty fields).</summary>
    public static readonly string[] Words = ["NA", "NaN", "null", "?"];

    /// <summary>How messages list them.</summary>
    public const string Description = "empty, NA, NaN, null or ?";
}
