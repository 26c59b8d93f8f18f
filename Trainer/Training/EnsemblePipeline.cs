using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using static System.FormattableString;

namespace NeuralNet.Training;

/// <summary><see cref="TrainingPipeline"/>'s ensemble: the usable rows (nothing was held out) dealt into folds,
/// stratified for classification; member k trains on the other folds and is validated (early stopping, best epoch)
/// on fold k; the members train side by side on the workers (<see cref="EnsembleTraining"/>); the model is their mean.</summary>
internal static class EnsemblePipeline
{
    /// <param name="streams">The run's seeded streams: the folds are dealt from the split stream, and each member
    /// draws its own weights' and batch order's seeds from the other two.</param>
    public static TrainingResult Train(TrainingRequest request, TrainingHooks hooks, CancellationToken cancel, PreparedData data, Dataset? earlyTest,
        double[]? classWeights, IReadOnlyList<string> pickedLines, (Random Split, Random Init, Random Shuffle) streams, Parallelism parallelism)
    {
        var output = hooks.Lines;
        var prep = data.Preprocessing;
        var all = data.Train;
        int k = request.Ensemble;
        if (all.Count < k)
            throw new InputException(Invariant($"{request.DataPath}: {request.Names.Ensemble} {k} needs at least {k} usable rows; there are {all.Count}"));
        int[] fold = Folds.Assign(all.Count, TrainingPipeline.FoldsFor(request), streams.Split, all.Labels);
        var members = new EnsembleMember[k];
        for (int m = 0; m < k; m++)
        {
            var train = all.Subset([.. Enumerable.Range(0, all.Count).Where(i => fold[i] != m)]);
            var validation = all.Subset([.. Enumerable.Range(0, all.Count).Where(i => fold[i] == m)]);
            var (network, memberLoop, session) = TrainingPipeline.NewSingleThreadSession(request, prep, new Random(streams.Init.Next()), new Random(streams.Shuffle.Next()));
            members[m] = new EnsembleMember(network, memberLoop, session, train, validation);
        }
        var first = members[0].Model;
        output.WriteLine(Invariant($"model: ensemble of {k} members, each {RunLines.Describe(first)}  ({k * first.Parameters.Sum(p => (long)p.Values.Length):N0} parameters)"));
        output.WriteLine(Invariant($"ensemble: {k} members train side by side, {Math.Min(k, parallelism.Workers.Count)} at a time, each on one thread and {members[0].Train.Count:N0} rows"));
        var optimizer = TrainingPipeline.NewOptimizer(request);
        output.WriteLine(Invariant($"optimizer: {optimizer.Description}; batch {request.BatchSize}; {request.Epochs} epochs{RunLines.Controls(request)}"));
        output.WriteLine(RunLines.EpochHeader(request.Epochs, prep.Task == TaskKind.Classification ? "acc" : "r2"));
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var (outcomes, history) = hooks.Epochs(members[0].Loop, request.Epochs, writeLine =>
            EnsembleTraining.Run(members, request.Epochs, parallelism.Workers,
                (result, changedRate) => writeLine(result.Epoch, RunLines.FormatEpoch(result, request.Epochs, changedRate)), cancel));
        bool classification = prep.Task == TaskKind.Classification;
        var memberScores = new List<(Scores Scores, int Rows)>();
        for (int m = 0; m < k; m++)
        {
            var o = outcomes[m];
            if (!o.HasUsableWeights)
                continue;
            var scores = members[m].Loop.Score(members[m].Validation, prep.TargetScales);
            memberScores.Add((scores, members[m].Validation.Count));
            // Loss and metric only: the line stays within 80 columns; the val line below has every figure for the ensemble.
            output.WriteLine(Invariant($"member {m + 1}/{k}: epoch {o.RestoredEpoch ?? o.History.Count} of {o.History.Count} kept: val_loss {scores.Loss:0.0000}  val_{(classification ? "acc" : "r2")} {scores.Metric:0.0000}"));
        }
        var model = Sequential<float>.AverageOf([.. members.Select(member => member.Model)]);
        var loop = new TrainingLoop(model, LossFor.Task(prep), optimizer, request.BatchSize, new Random(0));
        // Each member kept its own best epoch (the lines above): the ensemble has no one best epoch to name. It is usable
        // when every member is; a member without finite weights would spoil the average.
        var reason = outcomes.Any(o => o.Reason == StopReason.Interrupted) ? StopReason.Interrupted
            : outcomes.Any(o => !o.HasUsableWeights) ? StopReason.NonFinite : StopReason.Completed;
        var outcome = new TrainingOutcome(history, reason, null, outcomes.Select(o => o.Failure).FirstOrDefault(f => f is not null));
        var validationScores = memberScores.Count == 0 ? null : MeanScores(memberScores);
        return new TrainingResult(prep, model, loop, optimizer, outcome, true, data.LoadSeconds, request, validationScores, earlyTest, classWeights, pickedLines);
    }

    /// <summary>The members' held-out figures, weighted by their rows: the ensemble's out-of-fold estimate.</summary>
    private static Scores MeanScores(IReadOnlyList<(Scores Scores, int Rows)> scores)
    {
        double total = scores.Sum(s => s.Rows);
        double Mean(Func<Scores, double?> of) => scores.Sum(s => (of(s.Scores) ?? double.NaN) * s.Rows) / total;
        var first = scores[0].Scores;
        return new Scores(Mean(s => s.Loss), Mean(s => s.Metric),
            first.BalancedAccuracy is null ? null : Mean(s => s.BalancedAccuracy), first.MacroF1 is null ? null : Mean(s => s.MacroF1),
            first.Rmse is null ? null : Mean(s => s.Rmse), first.Mae is null ? null : Mean(s => s.Mae));
    }
}
