namespace NeuralNet.Data;

/// <summary>What to do with missing values (empty, NA, N/A, NaN, null, None or ?, or the words of --na-values, see <see cref="MissingValues"/>).</summary>
public enum MissingValuePolicy
{
    /// <summary>Stop with the count and the first location.</summary>
    Error,

    /// <summary>Fill a numeric column with its mean over the training rows; a text column's missing values are a category of their own.</summary>
    Mean,

    /// <summary>Fill a numeric column with its median over the training rows; a text column's missing values are a category of their own.</summary>
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

    /// <summary>The files' encoding (--encoding), by a name .NET knows; null for UTF-8, where a byte that is not
    /// UTF-8 is an error.</summary>
    public string? Encoding { get; init; }

    /// <summary>The encoding named by <see cref="Encoding"/>, the Windows code pages included; null for UTF-8.</summary>
    public static System.Text.Encoding? EncodingNamed(string? name)
    {
        if (name is null)
            return null;
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var encoding = name.StartsWith("cp", StringComparison.OrdinalIgnoreCase) && int.TryParse(name[2..], System.Globalization.CultureInfo.InvariantCulture, out int page)
            ? System.Text.Encoding.GetEncoding(page)
            : System.Text.Encoding.GetEncoding(name);
        // UTF-8 is the default, read with the check that every byte is UTF-8.
        return encoding.CodePage == 65001 ? null : encoding;
    }

    /// <summary>Feature columns read as categories whatever their cells look like, by name or 0-based index; they
    /// are also kept when they look ID-like or have many categories.</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary>Feature columns read as numbers: any other cell that is not a missing value is an error.</summary>
    public IReadOnlyList<string> Numeric { get; init; } = [];

    /// <summary>Columns to leave out, by name or 0-based index.</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;

    /// <summary>The words that mean a missing value besides an empty field (--na-values); null for
    /// <see cref="MissingValues.DefaultWords"/>.</summary>
    public IReadOnlyList<string>? NaValues { get; init; }

    /// <summary>Null when not given: error in training; the model's own (stored from training) for a scored file.</summary>
    public UnknownCategoryPolicy? UnknownCategory { get; init; }

    /// <summary>Threads that read a file and encode its rows (the run's --threads); null for every core this process
    /// may use (<see cref="Environment.ProcessorCount"/>, which follows its CPU affinity and quota). Not part of a
    /// model's run record (its <c>threads</c> says it): the files read are the same on any number.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? Workers { get; init; }

    /// <summary><see cref="Workers"/>, resolved: at least 1.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int WorkerCount => Math.Max(1, Workers ?? Environment.ProcessorCount);
}
