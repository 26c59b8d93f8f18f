using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>A pass over rows in parallel blocks reports the error a single pass would: the first in row order.</summary>
public sealed class RowBlocksTests
{
    [Test]
    public void The_first_error_in_row_order_is_the_one_thrown_whichever_block_fails_first()
    {
        int rows = RowBlocks.MinRowsPerWorker * 4;
        int[] bad = [rows - 1, rows / 2 + 7]; // in the last block, and in an earlier one
        using var laterFailed = new ManualResetEventSlim();

        var thrown = Assert.Throws<InvalidOperationException>(() => RowBlocks.Run(rows, 4, (from, to) =>
        {
            for (int r = from; r < to; r++)
            {
                if (Array.IndexOf(bad, r) < 0)
                    continue;
                // The later block fails first: the earlier one waits for it.
                if (r == bad[1])
                    laterFailed.Wait(TimeSpan.FromSeconds(10));
                else
                    laterFailed.Set();
                throw new InvalidOperationException($"row {r}");
            }
        }));

        Assert.That(thrown!.Message, Is.EqualTo($"row {bad[1]}"));
    }

    [TestCase(1)]
    [TestCase(3)]
    public void Every_row_is_passed_once(int workers)
    {
        int rows = RowBlocks.MinRowsPerWorker * 3 + 5;
        var seen = new int[rows];

        RowBlocks.Run(rows, workers, (from, to) =>
        {
            for (int r = from; r < to; r++)
                seen[r]++;
        });

        Assert.That(seen, Is.All.EqualTo(1));
    }
}
