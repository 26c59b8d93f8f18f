using System.Runtime.CompilerServices;

namespace NeuralNet.Data;

/// <summary>The mean and the (population) standard deviation of each numeric slot over some rows, missing values
/// left out; computed in two passes over the matrix in memory order, in double. The means are values (the slot's
/// offset added back, see <see cref="RawData.Offsets"/>).</summary>
internal sealed record NumericStats(double[] Means, double[] Deviations)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NumericStats Of(RawData raw, int[] rows)
    {
        int slots = raw.NumericCount;
        var sums = new double[slots];
        var counts = new int[slots];
        foreach (int r in rows)
        {
            var row = raw.Numbers.AsSpan(r * slots, slots);
            for (int k = 0; k < slots; k++)
            {
                if (!float.IsNaN(row[k]))
                {
                    sums[k] += row[k];
                    counts[k]++;
                }
            }
        }
        var means = new double[slots];
        for (int k = 0; k < slots; k++)
            means[k] = counts[k] == 0 ? 0 : sums[k] / counts[k];
        var squares = new double[slots];
        foreach (int r in rows)
        {
            var row = raw.Numbers.AsSpan(r * slots, slots);
            for (int k = 0; k < slots; k++)
            {
                if (!float.IsNaN(row[k]))
                    squares[k] += (row[k] - means[k]) * (row[k] - means[k]);
            }
        }
        var deviations = new double[slots];
        for (int k = 0; k < slots; k++)
            deviations[k] = counts[k] == 0 ? 0 : Math.Sqrt(squares[k] / counts[k]);
        for (int k = 0; k < slots; k++)
            means[k] += raw.Offset(k);
        return new NumericStats(means, deviations);
    }
}
