namespace NeuralNet.Data;

/// <summary>
/// Chooses the offset each numeric column is stored relative to (<see cref="RawData.Offsets"/>), from the sampled
/// rows. A float keeps 24 bits: epoch milliseconds (1.7e12 + 0…60000) or 15-digit IDs near one another would round
/// to a handful of floats, and a column of distinct values would read as constant. Stored as differences from a
/// typical value of their own, they keep their spread to within 2^-14 of it, in the same 4 bytes a value.
/// </summary>
internal static class NumericOffsets
{
    /// <summary>A column whose typical value is more than this many times its sampled spread gets an offset.</summary>
    public const double MagnitudeToSpread = 1024;

    /// <summary>A column constant in the sample gets an offset when its value is at least this: floats from 2^24 on
    /// no longer hold every integer.</summary>
    public const double ExactIntegerLimit = 1 << 24;

    /// <summary>The offset of column <paramref name="column"/>: the sampled median (a sampled value, so an integer
    /// column keeps integer differences) where a float cannot hold the column's values apart, else 0 (the values
    /// themselves, as most columns are stored).</summary>
    public static double For(CsvScan scan, int column)
    {
        var values = new List<double>();
        foreach (var row in scan.Sample)
        {
            if (NumberGrammar.IsNumber(row[column], scan.Dialect.DecimalComma, out double value))
                values.Add(value);
        }
        if (values.Count == 0)
            return 0;
        values.Sort();
        double median = values[(values.Count - 1) / 2];
        double spread = values[^1] - values[0];
        bool needed = spread == 0 ? Math.Abs(median) >= ExactIntegerLimit : Math.Abs(median) > MagnitudeToSpread * spread;
        return needed ? median : 0;
    }
}
