using System.Diagnostics;
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
/// on its own validation split (--val-split of the other folds), and the held-out fold is scored. The folds run on
/// the machine's cores in parallel. Prints each fold's figures and their mean ± standard deviation; the run then
/// goes on to train and save the model on the whole file exactly as without --cv.
/// </summary>
internal static class CrossValidationRun
{
    /// <summary>What the saved model of a --cv run was trained on, as its record says it: the run after the folds is
    /// the run without --cv (<see cref="TrainRun"/>), its validation split held out of the whole file as usual.</summary>
    public const string SavedModel = "trained after the folds exactly as without --cv: on the whole file's usable rows except its validation_split share (held out for validation); no fold's model is kept";

    /// <returns>The folds' figures, for the model file's record.</returns>
    public static CrossValidationRecord Execute(TrainOptions options, int folds, TextWriter output, CancellationToken interrupt)
    {
        long started = Stopwatch.GetTimestamp();
        var data = CrossValidationData.Load(options.DataPath, options.Targets, options.Task, folds, new Random(options.Seed), options.Data);
        bool classification = data.Task == TaskKind.Classification;
        int parallel = Math.Min(folds, ThreadsOption.Resolve(options.Threads)); // --threads bounds the folds run at once
        output.WriteLine(Invariant($"cross-validation: {folds} {(classification ? "stratified " : "")}folds of {data.Rows:N0} rows (seed {options.Seed}), preprocessing fitted per fold, {parallel} folds at a time"));

        var results = new (Scores Scores, int HeldOut, int Epochs)[folds];
        try
        {
            Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = interrupt },
                k => results[k] = RunFold(options, data, k, interrupt));
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<InputException>().FirstOrDefault() is { } input)
        {
            throw input;
        }

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
        var loop = new TrainingLoop(model, LossFor.Task(prep), optimizer, picked.BatchSize, new Random(seeds.Next()));
        var session = new TrainingSession(model, loop, optimizer, LearningRateSchedule.For(picked.Schedule), picked.Patience, picked.MinImprovement);
        var outcome = session.Run(picked.Epochs, train, validation, (_, _) => { }, interrupt);
        interrupt.ThrowIfCancellationRequested();
        var scores = outcome.HasUsableWeights ? loop.Score(heldOut, prep.TargetScales) : new Scores(double.NaN, double.NaN);
        return (scores, heldOut.Count, outcome.History.Count);
    }
}
