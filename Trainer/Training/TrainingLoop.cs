using System.Diagnostics;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;

namespace NeuralNet.Training;

/// <summary>Mini-batch training: each step is forward, loss, zero grads, backward, step — in that order. With a
/// <see cref="Parallelism"/> of several workers, a step with enough work (<see cref="ShardPlan"/>) runs forward to
/// backward on per-worker shards of the batch, then one optimizer step that the workers apply slice by slice
/// (<see cref="ShardedStep"/>).</summary>
public sealed class TrainingLoop
{
    private readonly Sequential<float> _model;
    private readonly ILoss<float> _loss;
    private readonly IOptimizer<float> _optimizer;
    private readonly Random _shuffle;
    private readonly BatchBuffers<float> _inputs;  // (features, batch)
    private readonly BatchBuffers<float> _targets; // (outputs, batch)
    private readonly Evaluation _evaluation;
    private readonly ShardedStep? _sharded; // null with one worker
    private int[] _order = [];

    /// <param name="parallelism">The workers to split steps, validation and evaluation across; one thread when null.</param>
    /// <param name="scoringLoss">The loss validation and test rows are scored with when it differs from the training
    /// loss (plain cross-entropy beside a label-smoothed one); null scores with <paramref name="loss"/>.</param>
    public TrainingLoop(Sequential<float> model, ILoss<float> loss, IOptimizer<float> optimizer, int batchSize, Random shuffle, Parallelism? parallelism = null,
        ILoss<float>? scoringLoss = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _model = model;
        _loss = loss;
        _optimizer = optimizer;
        _shuffle = shuffle;
        BatchSize = batchSize;
        _inputs = new BatchBuffers<float>(model.InputSize);
        _targets = new BatchBuffers<float>(model.OutputSize);
        var networks = parallelism is { Workers.Count: > 1 } ? parallelism.NetworksFor(model) : Parallelism.Alone(model);
        _evaluation = new Evaluation(new ForwardPass(networks, parallelism?.Workers, parallelism?.MinimumWork ?? ShardPlan.MinimumWork), scoringLoss ?? loss);
        if (networks.Length > 1)
            _sharded = new ShardedStep(networks, loss, optimizer, parallelism!.Workers, parallelism.MinimumWork);
    }

    public int BatchSize { get; }

    /// <summary>Called with (samples done, samples in the epoch) during an epoch, at most every
    /// <see cref="ProgressInterval"/> and after the last batch; for a progress bar.</summary>
    public Action<int, int>? Progress { get; set; }

    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>One pass over <paramref name="train"/> in a fresh seeded order, then the validation figures.</summary>
    /// <param name="cancel">Checked before each batch: a cancelled token lets the current batch finish, then throws
    /// <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="NonFiniteLossException">A batch's loss, or the validation loss, was NaN or ±∞; the step
    /// that would have applied it is not taken.</exception>
    public EpochResult RunEpoch(int epoch, Dataset train, Dataset validation, CancellationToken cancel = default)
    {
        if (_order.Length != train.Count)
            _order = [.. Enumerable.Range(0, train.Count)];
        _shuffle.Shuffle(_order);

        long start = Stopwatch.GetTimestamp();
        long lastProgress = start;
        double lossSum = 0;
        for (int first = 0; first < train.Count; first += BatchSize)
        {
            cancel.ThrowIfCancellationRequested();
            var batch = _order.AsSpan(first, Math.Min(BatchSize, train.Count - first));
            lossSum += Step(train, batch, epoch, first / BatchSize + 1) * batch.Length;
            int done = first + batch.Length;
            if (Progress is { } progress && (done == train.Count || Stopwatch.GetElapsedTime(lastProgress) >= ProgressInterval))
            {
                progress(done, train.Count);
                lastProgress = Stopwatch.GetTimestamp();
            }
        }
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var (validationLoss, validationMetric) = _evaluation.Run(validation);
        if (validation.Count > 0 && !double.IsFinite(validationLoss))
            throw new NonFiniteLossException(epoch, null, _evaluation.FirstNonFiniteOutput(validation));
        return new EpochResult(epoch, lossSum / train.Count, validationLoss, validationMetric, seconds, train.Count);
    }

    /// <summary>One optimisation step on the samples at <paramref name="indices"/>; returns the batch's mean loss.</summary>
    public float Step(Dataset train, ReadOnlySpan<int> indices) => Step(train, indices, 0, 0);

    /// <summary>The shards a step on <paramref name="samples"/> samples is split into: 1 when it runs on one thread.</summary>
    public int ShardsFor(int samples) => _sharded?.ShardsFor(samples) ?? 1;

    private float Step(Dataset train, ReadOnlySpan<int> indices, int epoch, int batch)
    {
        if (_sharded is not null && _sharded.ShardsFor(indices.Length) is > 1 and var shards)
        {
            float mean = _sharded.Run(train, indices, shards);
            if (!float.IsFinite(mean))
                throw new NonFiniteLossException(epoch, batch, _sharded.FirstNonFiniteOutput());
            return mean;
        }

        var x = _inputs.For(indices.Length);
        var y = _targets.For(indices.Length);
        train.Gather(indices, x, y);

        var output = _model.Forward(x, training: true);
        float loss = _loss.Forward(output, y);
        if (!float.IsFinite(loss))
            throw new NonFiniteLossException(epoch, batch, ForwardPass.FirstNonFiniteOutput(_model, x));
        _model.ZeroGradients();
        _model.Backward(_loss.Backward(), inputGradientNeeded: false);
        _optimizer.Step(_model.Parameters);
        return loss;
    }

    public (double Loss, double Metric) Evaluate(Dataset data) => _evaluation.Run(data);

    /// <inheritdoc cref="Evaluation.Score"/>
    public Scores Score(Dataset data, IReadOnlyList<float> targetScales) => _evaluation.Score(data, targetScales);

    /// <inheritdoc cref="Evaluation.FirstChunkLoss"/>
    public double FirstChunkLoss(Dataset data) => _evaluation.FirstChunkLoss(data);
}
