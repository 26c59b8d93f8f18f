using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;

namespace NeuralNet.Training;

/// <summary>
/// One training step of a batch split into shards, one per worker, run as one job of the <see cref="WorkerPool"/>:
/// each worker runs forward, loss, zero grads and backward on its shard with its own network (worker 0's is the
/// model; the others are replicas sharing its values); at a barrier worker 0 checks every shard's loss and starts
/// the optimizer's step; after a second barrier each worker steps its slice of every parameter, reading the slice's
/// gradient summed over the shards. The loss's backward divides by the whole batch's size, so the sum is the
/// gradient of the batch's mean loss: the whole-batch step's maths, with the sum over samples taken in another order.
/// </summary>
/// <remarks>Deterministic by construction: the shards are fixed by <see cref="ShardPlan"/>, each worker's products
/// see the same columns whatever the timing, and the reduction adds the workers' gradients element by element in
/// worker order (worker 0 + worker 1 + …), whichever thread does the adding. The last shard's gradient is added
/// inside the optimizer's pass (<see cref="IOptimizer{T}.StepSlice"/>), so the sum is never written back: after a
/// step the model's gradients hold the sum of shards 0 to S−2 only.</remarks>
internal sealed class ShardedStep
{
    private readonly Sequential<float>[] _networks;
    private readonly ILoss<float>[] _losses;
    private readonly BatchBuffers<float>[] _inputs;  // per worker: (features, shard)
    private readonly BatchBuffers<float>[] _targets; // per worker: (outputs, shard)
    private readonly float[] _shardLosses;
    private readonly Exception?[] _failures;         // per worker: what its part of the step threw, passed on after the job
    private readonly WorkerPool _pool;
    private readonly IOptimizer<float> _optimizer;
    private readonly Action<int> _step; // kept in a field: a method group converted per call would allocate
    private Dataset? _data;
    private int[] _indices = [];
    private int _batch;
    private int _shards;
    private bool _stepping; // set by worker 0 between the barriers: every shard's loss was finite

    private readonly long _minimumWork;

    public ShardedStep(Sequential<float>[] networks, ILoss<float> loss, IOptimizer<float> optimizer, WorkerPool pool, long minimumWork = ShardPlan.MinimumWork)
    {
        _optimizer = optimizer;
        _minimumWork = minimumWork;
        _networks = networks;
        _pool = pool;
        _losses = [loss, .. Enumerable.Range(1, networks.Length - 1).Select(_ => loss.WithOwnBuffers())];
        _inputs = [.. networks.Select(network => new BatchBuffers<float>(network.InputSize))];
        _targets = [.. networks.Select(network => new BatchBuffers<float>(network.OutputSize))];
        _shardLosses = new float[networks.Length];
        _failures = new Exception?[networks.Length];
        ParameterCount = networks[0].Parameters.Sum(p => (long)p.Values.Length);
        _step = StepShard;
    }

    public long ParameterCount { get; }

    /// <summary>How many shards a batch of <paramref name="samples"/> is split into (see <see cref="ShardPlan"/>).</summary>
    public int ShardsFor(int samples) => ShardPlan.Shards(_networks.Length, samples, ParameterCount, _minimumWork);

    /// <summary>Runs the step: the optimizer has applied the batch's gradient to the model's parameters.
    /// Returns the batch's mean loss, or NaN when a shard's loss was not finite: then no step is taken (see
    /// <see cref="FirstNonFiniteOutput"/>).</summary>
    public float Run(Dataset data, ReadOnlySpan<int> indices, int shards)
    {
        // One shard would be its own "last shard" and have its gradient added to itself: one thread runs such a step.
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 2);
        if (_indices.Length < indices.Length)
            _indices = new int[indices.Length];
        indices.CopyTo(_indices);
        (_data, _batch, _shards) = (data, indices.Length, shards);
        ReplicaBuffers.CopyFromModel(_networks, shards);
        try
        {
            _pool.Run(_step, shards);
            for (int w = 0; w < shards; w++)
            {
                if (_failures[w] is { } failure)
                {
                    Array.Clear(_failures);
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }
            }
            if (!_stepping)
                return float.NaN;
            ReplicaBuffers.AverageIntoModel(_networks, shards, _batch);
            double total = 0;
            for (int w = 0; w < shards; w++)
                total += (double)_shardLosses[w] * ShardPlan.Shard(_batch, shards, w).Count;
            return (float)(total / _batch);
        }
        finally
        {
            _data = null;
        }
    }

    /// <summary>After <see cref="Run"/> returned NaN: the first layer of the first failing shard whose output is not finite.</summary>
    public string FirstNonFiniteOutput()
    {
        for (int w = 0; w < _shards; w++)
        {
            if (!float.IsFinite(_shardLosses[w]))
                return ForwardPass.FirstNonFiniteOutput(_networks[w], _inputs[w].For(ShardPlan.Shard(_batch, _shards, w).Count));
        }
        return "none";
    }

    // Worker w's part of the step. Every worker reaches both barriers whatever happens before them (an exception is
    // kept for Run to throw), or the others would wait at a barrier for good.
    private void StepShard(int worker)
    {
        try
        {
            ForwardBackwardShard(worker);
        }
        catch (Exception e)
        {
            _failures[worker] = e;
            _shardLosses[worker] = float.NaN;
        }
        _pool.Barrier();
        if (worker == 0)
        {
            _stepping = false;
            try
            {
                if (Array.TrueForAll(_failures, f => f is null) && AllFinite(_shardLosses.AsSpan(0, _shards)))
                {
                    _optimizer.BeginStep(_networks[0].Parameters);
                    _stepping = true;
                }
            }
            catch (Exception e)
            {
                _failures[0] = e;
            }
        }
        _pool.Barrier();
        if (!_stepping)
            return;
        try
        {
            ReduceAndStepSlice(worker);
        }
        catch (Exception e)
        {
            _failures[worker] = e;
        }
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            if (!float.IsFinite(value))
                return false;
        }
        return true;
    }

    private void ForwardBackwardShard(int worker)
    {
        var (start, count) = ShardPlan.Shard(_batch, _shards, worker);
        var network = _networks[worker];
        var loss = _losses[worker];
        var x = _inputs[worker].For(count);
        var y = _targets[worker].For(count);
        _data!.Gather(_indices.AsSpan(start, count), x, y);

        var output = network.Forward(x, training: true);
        float value = loss.Forward(output, y);
        _shardLosses[worker] = value;
        if (!float.IsFinite(value))
            return;
        network.ZeroGradients();
        network.Backward(loss.Backward(_batch), inputGradientNeeded: false);
    }

    // Worker w sums its slice of every parameter's gradient over shards 0 to S−2, in shard order, into the model's,
    // then steps the slice with the last shard's gradient added in the optimizer's own pass (one pass fewer over
    // the slice than adding it first), while the slice is in cache.
    private void ReduceAndStepSlice(int worker)
    {
        var parameters = _networks[0].Parameters;
        int last = _shards - 1;
        for (int k = 0; k < parameters.Count; k++)
        {
            var total = parameters[k].Gradients;
            var (start, count) = ShardPlan.Shard(total.Length, _shards, worker);
            var sum = total.AsSpan(start, count);
            for (int w = 1; w < last; w++)
                Add(sum, _networks[w].Parameters[k].Gradients.AsSpan(start, count));
            _optimizer.StepSlice(parameters[k], start, count, _networks[last].Parameters[k].Gradients.AsSpan(start, count));
        }
    }

    private static void Add(Span<float> sum, ReadOnlySpan<float> addend)
    {
        int i = 0;
        for (; i <= sum.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(sum[i..]) + new Vector<float>(addend[i..])).CopyTo(sum[i..]);
        for (; i < sum.Length; i++)
            sum[i] += addend[i];
    }
}
