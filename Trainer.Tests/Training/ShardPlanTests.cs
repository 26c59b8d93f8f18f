using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class ShardPlanTests
{
    [TestCase(2, 32, 2_499, 1, TestName = "iris's default network stays on one thread")]
    [TestCase(2, 64, 235_146, 2, TestName = "the Fashion-MNIST network at batch 64 is split")]
    [TestCase(4, 32, 235_146, 2, TestName = "shards keep at least MinimumShard samples")]
    [TestCase(2, 16, 814_090, 1, TestName = "a batch of 16 is not split, however large the network")]
    [TestCase(2, 64, 3_589, 1, TestName = "a small tabular network at batch 64 stays on one thread")]
    [TestCase(2, 256, 3_457, 2, TestName = "a small tabular network at batch 256 is split")]
    [TestCase(1, 1024, 235_146, 1, TestName = "one worker is one shard")]
    [TestCase(8, 1024, 235_146, 8, TestName = "at most one shard per worker")]
    public void ShardsFollowTheWorkAndTheWorkers(int workers, int samples, long parameters, int expected) =>
        Assert.That(ShardPlan.Shards(workers, samples, parameters), Is.EqualTo(expected));

    [Test]
    public void TheShardsCoverTheBatchInOrderWithSizesThatDifferByAtMostOne()
    {
        foreach (int samples in (int[])[7, 64, 65, 1000])
        {
            foreach (int shards in (int[])[1, 2, 3, 7])
            {
                var parts = Enumerable.Range(0, shards).Select(i => ShardPlan.Shard(samples, shards, i)).ToList();
                Assert.That(parts[0].Start, Is.Zero);
                for (int i = 1; i < shards; i++)
                    Assert.That(parts[i].Start, Is.EqualTo(parts[i - 1].Start + parts[i - 1].Count));
                Assert.That(parts.Sum(p => p.Count), Is.EqualTo(samples));
                Assert.That(parts.Max(p => p.Count) - parts.Min(p => p.Count), Is.LessThanOrEqualTo(1), $"{samples} in {shards}");
            }
        }
    }
}
