using System.Diagnostics;
using NeuralNet.Data;
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
        var data = CrossValidationData.Load(options.Request.DataPath, options.Request.Targets, options.Request.Task, folds, new Random(options.Request.Seed), options.Request.Data);
        TrainingChecks.BeforeFolds(options, data, workers.Count);
        bool classification = data.Task == TaskKind.Classification;
        int atOnce = Math.Min(folds, workers.Count);
        output.WriteLine(Invariant($"cross-validation: {folds} {(classification ? "stratified " : "")}folds of {data.Rows:N0} rows (seed {options.Request.Seed}), preprocessing fitted per fold, {atOnce} at a time: one per worker, each on one thread"));
        var results = CrossValidation.Run(options.Request, data, folds, workers, atOnce, interrupt);

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
}
