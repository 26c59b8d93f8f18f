namespace NeuralNet.Data;

/// <summary>What to do with missing values (empty, NA, NaN, null or ?).</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with the count and the first location.</summary>
    Error,

    /// <summary>Fill a numeric column with its mean over the training rows, a text column with its most frequent value.</summary>
    Mean,

    /// <summary>Fill a numeric column with its median over the training rows, a text column with its most frequent value.</summary>
    Median,

    /// <summary>Leave out every row that has a missing value in a column that is used.</summary>
    DropRows,
}

/// <summary>What to do with a text value that was not among a column's categories in training.</summary>
public enum UnknownCategoryPolicy
{
    Error,

    /// <summary>Encode it as all zeros in the column's one-hot block.</summary>
    Ignore,
}

/// <summary>How to read CSV files and turn their columns into features: dialect overrides (null: sniffed from the
/// file), columns to leave out, and the missing-value and unknown-category policies.</summary>
public sealed record DataOptions
{
    public static DataOptions Default { get; } = new();

    public char? Delimiter { get; init; }

    public bool? HasHeader { get; init; }

    public bool? DecimalComma { get; init; }

    /// <summary>Columns to leave out, by name or 0-based index.</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;

    /// <summary>Null when not given: error in training; the model's own (stored from training) for a scored file.</summary>
    public UnknownCategoryPolicy? UnknownCategory { get; init; }
}
