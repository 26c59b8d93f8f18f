using System.Runtime.ExceptionServices;
using NeuralNet.Data;

namespace NeuralNet.Training;

/// <summary>The folds of a cross-validation of the whole recipe: for each fold the preprocessing is fitted on the other
/// folds' training part only (<see cref="CrossValidationData.Fold"/>), the settings the request leaves null are picked
/// from that part's size, the network trains with early stopping on its own validation split, and the held-out fold is
/// scored. The folds are spread over the workers, one fold per worker at a time, each fold on its one thread.</summary>
public static class CrossValidation
{
    /// <summary>Runs the folds on <paramref name="atOnce"/> workers, each taking the next fold in order when it is free.
    /// A fold that fails (a bad fold, an interrupt) stops the workers from taking more; the failure of the lowest
    /// fold is rethrown, which is the same whatever the timing: every fold below a failed one was taken before it
    /// and runs to its end.</summary>
    public static (Scores Scores, int HeldOut, int Epochs)[] Run(TrainingRequest request, CrossValidationData data, int folds, WorkerPool workers,
        int atOnce, CancellationToken cancel)
    {
        var results = new (Scores, int, int)[folds];
        var failures = new Exception?[folds];
        int next = -1, failed = 0;
        workers.Run(_ =>
        {
            int k;
            while (Volatile.Read(ref failed) == 0 && (k = Interlocked.Increment(ref next)) < folds)
            {
                try
                {
                    cancel.ThrowIfCancellationRequested();
                    results[k] = RunFold(request, data, k, cancel);
                }
                catch (Exception e)
                {
                    failures[k] = e;
                    Volatile.Write(ref failed, 1);
                }
            }
        }, atOnce);
        if (Array.Find(failures, f => f is not null) is { } failure)
            ExceptionDispatchInfo.Throw(failure);
        return results;
    }

    /// <summary>One fold, start to end, with its own seeded streams (split, weights, batch order) so that the folds are
    /// independent of the order the cores take them in.</summary>
    private static (Scores, int, int) RunFold(TrainingRequest request, CrossValidationData data, int k, CancellationToken cancel)
    {
        var seeds = new Random(unchecked((request.Seed * 397) ^ (k + 1)));
        var (prep, train, validation, heldOut) = data.Fold(k, request.ValidationSplit, new Random(seeds.Next()));
        var (picked, _) = request.FillFromData(train.Count, prep.InputCount, prep.OutputCount, resumed: false);
        if (picked.ClassWeight == ClassWeighting.Balanced && train.Labels is { } labels)
            ClassWeights.Apply(train, ClassWeights.Balanced(labels, prep.OutputCount));
        // Weights, then shuffling, drawn from the fold's seeds in that order; one thread: the folds share the pool.
        var initRandom = new Random(seeds.Next());
        var (_, loop, session) = TrainingPipeline.NewSingleThreadSession(picked, prep, initRandom, new Random(seeds.Next()));
        var outcome = session.Run(picked.Epochs, train, validation, (_, _) => { }, cancel);
        cancel.ThrowIfCancellationRequested();
        var scores = outcome.HasUsableWeights ? loop.Score(heldOut, prep.TargetScales) : new Scores(double.NaN, double.NaN);
        return (scores, heldOut.Count, outcome.History.Count);
    }
}
