using System.Runtime.ExceptionServices;

namespace NeuralNet.Data;

/// <summary>
/// Runs a pass over rows 0..count-1 as one contiguous block per worker, in parallel. A block stops at its first
/// exception; the one rethrown is that of the first block to have one, so that with any number of workers the error
/// is the first in row order, as a single pass would report it (a block's rows are in order, and every block before
/// it ran to its end without one).
/// </summary>
internal static class RowBlocks
{
    /// <summary>Fewer rows than this per worker are not worth a thread.</summary>
    public const int MinRowsPerWorker = 16_384;

    /// <param name="pass">Called with each block's [start, end).</param>
    public static void Run(int count, int workers, Action<int, int> pass)
    {
        int blocks = (int)Math.Clamp(Math.Min(workers, (long)count / MinRowsPerWorker), 1, Math.Max(1, workers));
        if (blocks == 1)
        {
            pass(0, count);
            return;
        }
        var errors = new ExceptionDispatchInfo?[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = blocks }, block =>
        {
            try
            {
                pass(Start(count, blocks, block), Start(count, blocks, block + 1));
            }
            catch (Exception e)
            {
                errors[block] = ExceptionDispatchInfo.Capture(e);
            }
        });
        Array.Find(errors, e => e is not null)?.Throw();
    }

    private static int Start(int count, int blocks, int block) => (int)((long)count * block / blocks);
}
