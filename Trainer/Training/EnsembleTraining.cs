using System.Diagnostics;
using System.Runtime.ExceptionServices;
using NeuralNet.Data;
using NeuralNet.Layers;

namespace NeuralNet.Training;

/// <summary>One member of an ensemble being trained: its network, loop and session (its own optimizer, schedule,
/// early stopping and seeded streams), and the rows it trains and is validated on.</summary>
public sealed record EnsembleMember(Sequential<float> Model, TrainingLoop Loop, TrainingSession Session, Dataset Train, Dataset Validation);

/// <summary>
/// Trains the members of an ensemble side by side, one member per worker at a time, each on one thread, epoch by
/// epoch in step: every member that has not stopped runs epoch e before any runs e + 1, so one line per epoch can say
/// how the ensemble is doing (the members' mean losses and metric). A member stops on its own early stopping; the
/// run ends when all have stopped. As with --cv's folds, a member's figures are those of a one-thread training of it,
/// whatever the timing or the worker count.
/// </summary>
public static class EnsembleTraining
{
    /// <param name="onEpoch">Called after each epoch with the mean of the figures of the members that ran it, and the
    /// (mean) learning rate when it differs from the previous epoch's (null otherwise).</param>
    /// <returns>Each member's outcome (its best weights put back) and the per-epoch means.</returns>
    public static (TrainingOutcome[] Outcomes, IReadOnlyList<EpochResult> History) Run(IReadOnlyList<EnsembleMember> members, int epochs, WorkerPool workers,
        Action<EpochResult, double?> onEpoch, CancellationToken cancel)
    {
        var history = new List<EpochResult>();
        var results = new EpochResult?[members.Count];
        var failures = new Exception?[members.Count];
        for (int epoch = 1; epoch <= epochs && members.Any(m => !m.Session.Stopped); epoch++)
        {
            int[] active = [.. Enumerable.Range(0, members.Count).Where(m => !members[m].Session.Stopped)];
            Array.Clear(results);
            int next = -1;
            long started = Stopwatch.GetTimestamp();
            workers.Run(_ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < active.Length)
                {
                    var member = members[active[i]];
                    try
                    {
                        results[active[i]] = member.Session.RunEpoch(epoch, epochs, member.Train, member.Validation, cancel);
                    }
                    catch (Exception e)
                    {
                        failures[active[i]] = e;
                    }
                }
            }, Math.Min(workers.Count, active.Length));
            if (Array.Find(failures, f => f is not null) is { } failure)
                ExceptionDispatchInfo.Throw(failure);
            var ran = results.OfType<EpochResult>().ToArray();
            if (ran.Length == 0)
                break;
            var mean = new EpochResult(epoch, ran.Average(r => r.TrainLoss), ran.Average(r => r.ValidationLoss), ran.Average(r => r.ValidationMetric),
                Stopwatch.GetElapsedTime(started).TotalSeconds, ran.Sum(r => r.Samples), ran.Average(r => r.LearningRate));
            history.Add(mean);
            onEpoch(mean, history.Count > 1 && mean.LearningRate != history[^2].LearningRate ? mean.LearningRate : null);
            if (cancel.IsCancellationRequested)
                break;
        }
        return ([.. members.Select(m => m.Session.Finish())], history);
    }
}
