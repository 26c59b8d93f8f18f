using System.Runtime.CompilerServices;

namespace NeuralNet.Data;

/// <summary>The mean and the (population) standard deviation of each numeric slot over some rows, missing values
/// left out; computed in two passes over the matrix in memory order, in double. The means are values (the slot's
/// offset added back, see <see cref="RawData.Offsets"/>). Each pass sums blocks of <see cref="BlockRows"/> rows on
/// the workers and adds the blocks' sums in block order: the same figures on any number of workers.</summary>
internal sealed record NumericStats(double[] Means, double[] Deviations)
{
    /// <summary>Rows summed on their own before the blocks are added up (a file of fewer rows is one block, summed in
    /// row order as it always was).</summary>
    public const int BlockRows = 65_536;

    public static NumericStats Of(RawData raw, int[] rows, int workers = 1)
    {
        int slots = raw.NumericCount;
        var (sums, counts) = Sum(raw, rows, workers, null);
        var means = new double[slots];
        for (int k = 0; k < slots; k++)
            means[k] = counts[k] == 0 ? 0 : sums[k] / counts[k];
        var (squares, _) = Sum(raw, rows, workers, means);
        var deviations = new double[slots];
        for (int k = 0; k < slots; k++)
            deviations[k] = counts[k] == 0 ? 0 : Math.Sqrt(squares[k] / counts[k]);
        for (int k = 0; k < slots; k++)
            means[k] += raw.Offset(k);
        return new NumericStats(means, deviations);
    }

    /// <summary>Per slot: the sum of the present values (or of their squared distances to <paramref name="means"/>)
    /// and their count.</summary>
    private static (double[] Sums, int[] Counts) Sum(RawData raw, int[] rows, int workers, double[]? means)
    {
        int slots = raw.NumericCount;
        int blocks = Math.Max(1, (rows.Length + BlockRows - 1) / BlockRows);
        var blockSums = new double[blocks][];
        var blockCounts = new int[blocks][];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, block =>
        {
            var span = rows.AsSpan(Math.Min(rows.Length, block * BlockRows));
            (blockSums[block], blockCounts[block]) = SumBlock(raw, span[..Math.Min(span.Length, BlockRows)], means);
        });
        var sums = new double[slots];
        var counts = new int[slots];
        for (int b = 0; b < blocks; b++)
        {
            for (int k = 0; k < slots; k++)
            {
                sums[k] += blockSums[b][k];
                counts[k] += blockCounts[b][k];
            }
        }
        return (sums, counts);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double[] Sums, int[] Counts) SumBlock(RawData raw, ReadOnlySpan<int> rows, double[]? means)
    {
        int slots = raw.NumericCount;
        var sums = new double[slots];
        var counts = new int[slots];
        foreach (int r in rows)
        {
            var row = raw.Numbers.AsSpan(r * slots, slots);
            for (int k = 0; k < slots; k++)
            {
                if (float.IsNaN(row[k]))
                    continue;
                if (means is null)
                {
                    sums[k] += row[k];
                    counts[k]++;
                }
                else
                {
                    sums[k] += (row[k] - means[k]) * (row[k] - means[k]);
                }
            }
        }
        return (sums, counts);
    }
}
