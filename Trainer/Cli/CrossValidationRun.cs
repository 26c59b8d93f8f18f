using System.Diagnostics;
using System.Runtime.ExceptionServices;
using NeuralNet.Data;
using NeuralNet.Losses;
using NeuralNet.Models;
using NeuralNet.Reporting;
using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary>
/// --cv K: the whole recipe cross-validated before the model is trained. The usable rows are dealt into K folds
/// (stratified by class for classification, seeded by --seed); for each fold the preprocessing is fitted on the other
/// folds' training part only, the defaults are picked from that part's size, the network trains with early stopping
/// on its own validation split (--val-split of the other folds), and the held-out fold is scored. The folds are
/// spread over the run's <see cref="WorkerPool"/> (--threads), one fold per worker at a time, each fold on its one
/// thread. Prints each fold's figures and their mean ± standard deviation; the run then goes on to train and save
/// the model on the whole file exactly as without --cv.
/// </summary>
/// <remarks>Spread rather than one fold after another on the whole pool: a fold's steps are mostly too small to be
/// worth splitting (<see cref="ShardPlan"/>), and a fold on one thread pays no barriers or reductions. Measured on
/// 2 cores, --cv 5, the seconds the folds took (medians of alternating runs, load average 2.1-3.5): digits 0.9
/// spread against 1.1 one after another on both workers (5 runs each); synthetic multiclass (100,000 rows) 7.3
/// against 12.5 (3 runs each), 19.0 against 26.8 CPU seconds for the whole command (the pool's barriers spin).
/// Since each fold runs on one thread with its own seeded streams, its figures are those of a --threads 1 training
/// of it, whatever the timing, the order the workers take the folds in, or --threads.</remarks>
internal static class CrossValidationRun
{
    /// <summary>What the saved model of a --cv run was trained on, as its record says it: the run after the folds is
    /// the run without --cv (<see cref="TrainRun"/>), its validation split held out of the whole file as usual.</summary>
    public const string SavedModel = "trained after the folds exactly as without --cv: on the whole file's usable rows except its validation_split share (held out for validation); no fold's model is kept";

    /// <returns>The folds' figures, for the model file's record.</returns>
    public static CrossValidationRecord Execute(TrainOptions options, int folds, TextWriter output, WorkerPool workers, CancellationToken interrupt)
    {
        long started = Stopwatch.GetTimestamp();
        var data = CrossValidationData.Load(options.DataPath, options.Targets, options.Task, folds, new Random(options.Seed), options.Data);
        TrainingChecks.BeforeFolds(options, data);
        bool classification = data.Task == TaskKind.Classification;
        int atOnce = Math.Min(folds, workers.Count);
        output.WriteLine(Invariant($"cross-validation: {folds} {(classification ? "stratified " : "")}folds of {data.Rows:N0} rows (seed {options.Seed}), preprocessing fitted per fold, {atOnce} at a time: one per worker, each on one thread"));
        var results = RunFolds(options, data, folds, workers, atOnce, interrupt);

        for (int k = 0; k < folds; k++)
            output.WriteLine(Invariant($"fold {k + 1}/{folds}: {results[k].HeldOut:N0} held out, {results[k].Epochs} epochs: {ScoreLine.Format(results[k].Scores, classification)}"));
        var scores = results.Select(r => r.Scores).ToArray();
        string Figure(string name, Func<Scores, double?> of)
        {
            var (mean, std) = MeanAndStd(scores, of);
            return Invariant($"{name} {mean:0.0000} ± {std:0.0000}");
        }
        string summary = classification
            ? string.Join("  ", Figure("acc", s => s.Metric), Figure("balanced_acc", s => s.BalancedAccuracy), Figure("macro_f1", s => s.MacroF1), Figure("log_loss", s => s.Loss))
            : string.Join("  ", Figure("r2", s => s.Metric), Figure("rmse", s => s.Rmse), Figure("mae", s => s.Mae));
        output.WriteLine(Invariant($"cross-validation mean ± std over {folds} folds: {summary} ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));
        output.WriteLine("now training the model on the whole file:");
        var (metricMean, metricStd) = MeanAndStd(scores, s => s.Metric);
        return new CrossValidationRecord(folds, classification, data.Rows, classification ? "accuracy" : "r2",
            [.. results.Select(r => new FoldRecord(r.HeldOut, r.Epochs, RunScore.From(r.Scores)))], metricMean, metricStd, SavedModel);
    }

    /// <summary>Runs the folds on <paramref name="atOnce"/> workers, each taking the next fold in order when it is free.
    /// A fold that fails (a bad fold, an interrupt) stops the workers from taking more; the failure of the lowest
    /// fold is rethrown, which is the same whatever the timing: every fold below a failed one was taken before it
    /// and runs to its end.</summary>
    private static (Scores Scores, int HeldOut, int Epochs)[] RunFolds(TrainOptions options, CrossValidationData data, int folds, WorkerPool workers,
        int atOnce, CancellationToken interrupt)
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
                    interrupt.ThrowIfCancellationRequested();
                    results[k] = RunFold(options, data, k, interrupt);
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

    /// <summary>The mean and population standard deviation (divided by K) of one figure over the folds.</summary>
    private static (double Mean, double Std) MeanAndStd(Scores[] scores, Func<Scores, double?> of)
    {
        double[] values = [.. scores.Select(s => of(s) ?? double.NaN)];
        double mean = values.Average();
        return (mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length));
    }

    /// <summary>One fold, start to end, with its own seeded streams (split, weights, batch order) so that the folds are
    /// independent of the order the cores take them in.</summary>
    private static (Scores, int, int) RunFold(TrainOptions options, CrossValidationData data, int k, CancellationToken interrupt)
    {
        var seeds = new Random(unchecked((options.Seed * 397) ^ (k + 1)));
        var (prep, train, validation, heldOut) = data.Fold(k, options.ValidationSplit, new Random(seeds.Next()));
        var (picked, _) = PickedDefaults.Apply(options, train.Count, prep.InputCount, prep.OutputCount, resumed: false);
        if (picked.ClassWeight == ClassWeighting.Balanced && train.Labels is { } labels)
            ClassWeights.Apply(train, ClassWeights.Balanced(labels, prep.OutputCount));
        var model = TrainRun.NewNetwork(picked, prep, new Random(seeds.Next()));
        var optimizer = TrainRun.NewOptimizer(picked);
        var loop = new TrainingLoop(model, LossFor.Task(prep, picked.LabelSmoothing), optimizer, picked.BatchSize, new Random(seeds.Next()), scoringLoss: LossFor.Task(prep)); // one thread: the folds share the pool
        var session = new TrainingSession(model, loop, optimizer, LearningRateSchedule.For(picked.Schedule, picked.Epochs), picked.Patience, picked.MinImprovement);
        var outcome = session.Run(picked.Epochs, train, validation, (_, _) => { }, interrupt);
        interrupt.ThrowIfCancellationRequested();
        var scores = outcome.HasUsableWeights ? loop.Score(heldOut, prep.TargetScales) : new Scores(double.NaN, double.NaN);
        return (scores, heldOut.Count, outcome.History.Count);
    }
}
