namespace NeuralNet.Training;

/// <summary>
/// How a batch is split across workers: into contiguous shards of nearly equal size, one per worker, when the step
/// has enough work to pay for the split, else into one. The choice depends only on the batch size, the parameter
/// count and the number of workers, never on timing, so a seeded run is reproducible.
/// </summary>
public static class ShardPlan
{
    /// <summary>Batch size × parameters below which one thread runs the step: splitting costs a handshake with the
    /// workers and a pass over every gradient, which a small step does not earn back. Measured with
    /// <c>Trainer.Benchmarks -- scaling</c> (docs/threads.md): on 2 workers, 20-64-32-5 at batch 64
    /// (230k) gained 1.06–1.39× from a split in three runs, close to the crossover, so it stays on one thread; at batch
    /// 128 (459k) 1.57–1.60×.</summary>
    public const long MinimumWork = 1L << 18;

    /// <summary>Samples below which a shard is not worth a worker: products on a handful of columns run far from
    /// the kernel's speed (784-64-10 at batch 16 in shards of 8 ran at 0.92× of one thread, measured while the
    /// minimum was 8; the scaling benchmark cannot split a batch of 16 any more).</summary>
    public const int MinimumShard = 16;

    /// <summary>Shards for a batch of <paramref name="samples"/> over a network of <paramref name="parameters"/>
    /// on <paramref name="workers"/> workers: between 1 and <paramref name="workers"/>.</summary>
    /// <param name="minimumWork">The threshold: <see cref="MinimumWork"/> unless a benchmark measures around it.</param>
    public static int Shards(int workers, int samples, long parameters, long minimumWork = MinimumWork)
    {
        if (workers <= 1 || (long)samples * parameters < minimumWork)
            return 1;
        return Math.Clamp(samples / MinimumShard, 1, workers);
    }

    /// <summary>The samples of shard <paramref name="index"/>: [Start, Start + Count) of the batch.</summary>
    public static (int Start, int Count) Shard(int samples, int shards, int index)
    {
        int start = (int)((long)samples * index / shards);
        int end = (int)((long)samples * (index + 1) / shards);
        return (start, end - start);
    }
}
