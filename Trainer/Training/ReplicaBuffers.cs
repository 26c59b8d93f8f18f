using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>
/// The buffers (running statistics) of the per-worker networks. A replica keeps its own copy of each buffer, since a
/// training forward updates it in place and two workers must not write one array: before a job the model's values
/// are copied into the replicas, and after a training step the copies are averaged into the model's, each weighted by
/// its worker's share of the batch. For a running average r ← (1 − m)·r + m·s that is the update with s the batch's
/// mean of the shards' statistics. A network without buffers (every layer before batchnorm) does nothing here.
/// </summary>
internal static class ReplicaBuffers
{
    /// <summary>Gives networks 1 to <paramref name="count"/> − 1 the model's (network 0's) buffer values.</summary>
    public static void CopyFromModel(Sequential<float>[] networks, int count)
    {
        var model = networks[0].Buffers;
        for (int w = 1; w < count; w++)
        {
            var replica = networks[w].Buffers;
            for (int k = 0; k < model.Count; k++)
                model[k].Values.CopyTo(replica[k].Values, 0);
        }
    }

    /// <summary>Sets the model's buffers to the average of networks 0 to <paramref name="shards"/> − 1's, network w
    /// weighted by its shard's share of <paramref name="batch"/> samples (<see cref="ShardPlan.Shard"/>), added in
    /// worker order so that the result does not depend on timing.</summary>
    public static void AverageIntoModel(Sequential<float>[] networks, int shards, int batch)
    {
        var model = networks[0].Buffers;
        for (int k = 0; k < model.Count; k++)
        {
            var sum = model[k].Values;
            float first = (float)ShardPlan.Shard(batch, shards, 0).Count / batch;
            for (int i = 0; i < sum.Length; i++)
                sum[i] *= first;
            for (int w = 1; w < shards; w++)
            {
                var values = networks[w].Buffers[k].Values;
                float weight = (float)ShardPlan.Shard(batch, shards, w).Count / batch;
                for (int i = 0; i < sum.Length; i++)
                    sum[i] += weight * values[i];
            }
        }
    }
}
