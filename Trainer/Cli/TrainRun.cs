using System.Runtime.CompilerServices;
using System.Globalization;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Models;
using NeuralNet.Optimizers;
using NeuralNet.Reporting;
using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary>A training run from options to printed summary: load, build, train, save, report.</summary>
public static class TrainRun
{
    /// <param name="error">Where the non-finite-loss message goes.</param>
    /// <param name="interrupt">Ctrl+C, SIGTERM or SIGHUP: ends the run at once while files are read (nothing to save
    /// yet), else stops after the current batch and saves the best model; a save under way is finished. The caller maps
    /// <see cref="ExitCodes.Interrupted"/> to the signal's own code.</param>
    public static int Execute(TrainOptions options, TextWriter output, TextWriter error, CancellationToken interrupt = default)
    {
        CheckBeforeWork(options);

        // One seed drives everything, through separate streams, so changing e.g. the batch size does not change the split.
        var seeds = new Random(options.Seed);
        var splitRandom = new Random(seeds.Next());
        var initRandom = new Random(seeds.Next());
        var shuffleRandom = new Random(seeds.Next());

        SavedModel? resumed;
        using (InterruptSignal.ExitAtOnceOn(interrupt)) // nothing to save yet: a signal while reading ends the run at once
            resumed = options.ResumePath is null ? null : ModelSerializer.Load(options.ResumePath);
        if (resumed is not null)
        {
            ResumeConflicts.Check(options, resumed);
            // The saved run's missing-value words, unless --na-values gives others.
            options = options with { Data = options.Data with { NaValues = options.Data.NaValues ?? resumed.Preprocessing.NaValues } };
            (options, splitRandom, var splitNote) = ResumedSplit.Keep(options, resumed, splitRandom);
            if (splitNote is not null && options.Verbosity != Verbosity.Quiet)
                output.WriteLine(splitNote);
        }
        // A resumed run keeps the saved model's class weighting unless --class-weight is given; balanced weights are
        // counted again on this run's training split. A file saved before the weighting was recorded resumes unweighted.
        if (resumed?.Run?.ClassWeight is { } savedWeighting && options.Settings.ClassWeight is null)
            options = options with { ClassWeight = savedWeighting };
        // Reading, building and training happen in their own method: when it returns nothing refers to the training
        // matrix any more, so a --test file read afterwards can reuse its memory instead of adding to it.
        // What --quiet leaves out: everything before the summary, and the chart.
        var detail = options.Verbosity == Verbosity.Quiet ? TextWriter.Null : output;
        CrossValidationRecord? crossValidation = null;
        using var workers = new WorkerPool(ThreadsOption.Resolve(options.Threads));
        if (options.Folds is { } folds)
        {
            try
            {
                crossValidation = CrossValidationRun.Execute(options, folds, output, workers, interrupt);
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                // Nothing is trained yet: the folds' models are estimates, not the model to save.
                error.WriteLine("interrupted during cross-validation; no model was trained or saved");
                return ExitCodes.Interrupted;
            }
        }
        // From here on, options holds what the run really uses: the given options and those picked from the data.
        var (prep, model, loop, optimizer, outcome, hasValidation, loadSeconds, picked, validationScores, earlyTest, classWeights, pickedReasons) =
            PrepareAndTrain(options, detail, interrupt, resumed, splitRandom, initRandom, shuffleRandom, ThreadsOption.For(workers, options.Seed));
        options = picked;
        bool classification = prep.Task == TaskKind.Classification;
        string metric = classification ? "acc" : "r2";
        var history = outcome.History;
        // The training matrix is garbage now: give its memory back before the test file is read. Aggressive, because a
        // plain collection keeps the freed region resident, and the test file and the save then add to it
        // (Fashion-MNIST: a 275 MB peak instead of 262 MB).
        if (options.TestPath is not null)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        detail.WriteLine();
        PrintStop(output, error, outcome, optimizer, options);
        if (!outcome.HasUsableWeights)
        {
            error.WriteLine(outcome.Reason == StopReason.NonFinite
                ? "no epoch ended with weights that give finite outputs, so there is no model to save"
                : "no epoch finished, so there is no model to save");
            return ExitCode(outcome.Reason);
        }

        EpochResult? best = outcome.BestEpoch is { } bestEpoch ? history[bestEpoch - 1] : null;
        EpochResult? kept = outcome.RestoredEpoch is { } restored ? history[restored - 1] : history.LastOrDefault();
        if (best is not null && kept is not null)
        {
            if (hasValidation)
            {
                output.WriteLine(Invariant($"best epoch {best.Epoch}: train_loss {best.TrainLoss:0.0000}  val_loss {best.ValidationLoss:0.0000}  val_{metric} {best.ValidationMetric:0.0000}"));
                output.WriteLine(Invariant($"{(outcome.RestoredEpoch is null ? "final" : "kept")} (epoch {kept.Epoch}): val_loss {kept.ValidationLoss:0.0000}  val_{metric} {kept.ValidationMetric:0.0000}"));
            }
            else
            {
                output.WriteLine(Invariant($"best epoch {best.Epoch}: train_loss {best.TrainLoss:0.0000} (no validation split)"));
                output.WriteLine(Invariant($"{(outcome.RestoredEpoch is null ? "final" : "kept")} (epoch {kept.Epoch}): train_loss {kept.TrainLoss:0.0000}"));
            }
        }
        if (history.Count > 0)
            output.WriteLine(SpeedLine(history));
        // The kept weights' figures on the validation split, the metrics of imbalanced classes and errors in target units included.
        RunScore? validationScore = null;
        if (validationScores is not null && kept is not null)
        {
            validationScore = RunScore.From(validationScores);
            output.WriteLine($"val ({(model.Spec.StartsWith("ensemble:", StringComparison.Ordinal) && model.Layers.Count == 1 ? "folds" : $"epoch {kept.Epoch}")}): {ScoreLine.Format(validationScores, classification)}");
        }
        RunScore? test = null;
        InputException? testProblem = null;
        if (options.TestPath is not null)
        {
            try
            {
                // A signal stops the read (the process cannot just end: the model is still to be saved), and one
                // that came during training skips it: the user asked to stop, not to wait for a file.
                var testData = earlyTest ?? PreparedData.LoadTest(prep, options.TestPath, options.Data, fittedNow: resumed is null, interrupt);
                var scores = loop.Score(testData, prep.TargetScales);
                test = RunScore.From(scores);
                output.WriteLine($"test ({options.TestPath}, {testData.Count} rows{UnlabelledNote(testData)}): {ScoreLine.Format(scores, classification)}");
                // Its unseen categories had their line before training (a file with text columns is read then).
                foreach (string line in (testData.Scored with { Unseen = [] }).Lines(options.TestPath, prep.Missing))
                    output.WriteLine(line);
            }
            catch (InputException e)
            {
                // A bad row in the test file must not cost the training: the model is saved first, then the problem
                // is reported as usual (one line, exit 2).
                testProblem = e;
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                error.WriteLine($"interrupted: --test {options.TestPath} was not read; the model is saved without test figures");
            }
        }
        detail.WriteLine();
        detail.Write(LossChart.Draw([
            ("train", '*', history.Select(e => e.TrainLoss).ToArray()),
            ("validation", 'o', history.Select(e => e.ValidationLoss).ToArray()),
        ], outcome.BestEpoch));

        string hash = WeightsHash.Sha256(model.Parameters, model.Buffers);
        output.WriteLine(Invariant($"weights sha256 {hash}"));

        var metrics = new ModelMetrics(classification ? "accuracy" : "r2", kept?.Epoch ?? 0, validationScore, test);
        var document = ModelSerializer.ToDocument(model, prep, Record(options, model, prep, classWeights, pickedReasons, crossValidation), metrics);
        var now = DateTime.Now;
        string savePath = options.SavePath ?? ModelSerializer.SaveNew(attempt => DefaultSavePath(options.DataPath, now, attempt), document);
        if (options.SavePath is not null)
            ModelSerializer.Save(savePath, document);
        output.WriteLine($"model saved to {savePath}");
        if (testProblem is not null)
            throw testProblem;

        if (options.HistoryPath is not null)
            AtomicFile.WriteText(options.HistoryPath, HistoryCsv.Format(history));
        if (options.PlotPath is not null)
        {
            LossPlot.Save(options.PlotPath, history, classification ? "accuracy" : "r2", Path.GetFileNameWithoutExtension(options.DataPath), outcome.BestEpoch, options.PlotLog);
            output.WriteLine($"plot saved to {options.PlotPath}");
        }
        // An ensemble has no one best epoch (each member kept its own): best_epoch is left out.
        if (options.ReportPath is not null && kept is not null)
        {
            var report = new RunReport(
                classification ? "classification" : "regression",
                classification ? "accuracy" : "r2",
                best?.Epoch,
                validationScore,
                test,
                loadSeconds,
                [.. history.Select(e => e.Seconds)],
                history.Sum(e => e.Samples) / history.Sum(e => e.Seconds),
                hash);
            AtomicFile.WriteText(options.ReportPath, report.ToJson());
        }
        return ExitCode(outcome.Reason);
    }

    /// <summary>Everything about the options that can be checked before any work: the rules between options, and
    /// the outputs (not after an hour of training). The default save name is only chosen at the save.</summary>
    public static void CheckBeforeWork(TrainOptions options)
    {
        options.Validate();
        OutputPaths.Check([
            new("--save", options.SavePath ?? DefaultSavePath(options.DataPath, DateTime.Now), MayReplace: "--resume", Kind: OutputKind.Model),
            .. Optional("--report", options.ReportPath, OutputKind.Report), .. Optional("--history", options.HistoryPath, OutputKind.Csv), .. Optional("--plot", options.PlotPath, OutputKind.Image)],
            [new("DATA.csv", options.DataPath), .. Optional("--test", options.TestPath), .. Optional("--resume", options.ResumePath)],
            overwrite: options.Overwrite);
    }

    /// <summary>", 3 rows without a target value left out" for a scored file that had such rows, else "".</summary>
    internal static string UnlabelledNote(Dataset data) =>
        data.Unlabelled == 0 ? "" : Invariant($"; {data.Unlabelled} row{(data.Unlabelled == 1 ? "" : "s")} without a target value left out");

    /// <summary>The model file's account of the run; the layers are the network's own, so a resumed run records what it
    /// really trained.</summary>
    /// <param name="classWeights">The balanced weights the training split was weighted with, by class; null when unweighted.</param>
    /// <param name="picked">The "picked: …" lines of <see cref="RecipeFill"/>.</param>
    private static TrainingRecord Record(TrainOptions options, Sequential<float> model, Preprocessing prep, double[]? classWeights,
        IReadOnlyList<string> picked, CrossValidationRecord? crossValidation) => new(
        options.DataPath, options.TestPath, string.Join(',', model.Layers.Select(layer => layer.Spec)), options.ValidationSplit,
        options.Optimizer, OptimizerSettings(options), options.Schedule, options.Epochs, options.BatchSize, options.Seed, options.Patience,
        options.Data, options.ResumePath,
        ClassWeight: prep.Task == TaskKind.Classification ? options.ClassWeight : null,
        ClassWeights: classWeights is null ? null : prep.ClassNames.Zip(classWeights).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal),
        MinImprovement: options.Patience is null ? null : options.MinImprovement,
        Picked: [.. picked.Select(line => line.StartsWith(RecipeFill.Prefix, StringComparison.Ordinal) ? line[RecipeFill.Prefix.Length..] : line)],
        Threads: ThreadsOption.Resolve(options.Threads),
        Blas: BlasBackend.Gemm<float>().Name,
        CrossValidation: crossValidation);

    private static OptimizerSettings OptimizerSettings(TrainOptions options) =>
        new(options.LearningRate, options.Momentum, options.WeightDecay, options.Nesterov, options.Beta1, options.Beta2);

    private static int ExitCode(StopReason reason) => reason switch
    {
        StopReason.Interrupted => ExitCodes.Interrupted,
        StopReason.NonFinite => ExitCodes.NonFiniteLoss,
        _ => ExitCodes.Success,
    };

    /// <summary>runs/STEM-yyyyMMdd-HHmmss-fff.model.json, relative to the current directory; -2, -3, … when
    /// another run took the name in the same millisecond (see <see cref="ModelSerializer.SaveNew"/>).</summary>
    public static string DefaultSavePath(string dataPath, DateTime now, int attempt = 1) =>
        Path.Combine("runs", $"{Path.GetFileNameWithoutExtension(dataPath)}-{now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}{(attempt == 1 ? "" : $"-{attempt}")}.model.json");

    private static NamedPath[] Optional(string name, string? path, OutputKind? kind = null) => path is null ? [] : [new(name, path, Kind: kind)];

    private static void PrintStop(TextWriter output, TextWriter error, TrainingOutcome outcome, IOptimizer<float> optimizer, TrainOptions options)
    {
        string restored = outcome.RestoredEpoch is { } epoch ? $"; restored the weights of epoch {epoch}" : "";
        switch (outcome.Reason)
        {
            case StopReason.EarlyStopped:
                output.WriteLine($"early stop: no {Improvement(options)} for {options.Patience} epochs{restored}");
                break;
            case StopReason.Interrupted:
                output.WriteLine($"interrupted after {outcome.History.Count} full epochs{restored}");
                break;
            case StopReason.NonFinite:
                error.WriteLine(Invariant($"error: {outcome.Failure!.Message}. {DivergenceHint(optimizer, options)}{restored}"));
                break;
            default:
                if (outcome.RestoredEpoch is not null)
                    output.WriteLine($"restored the weights of epoch {outcome.RestoredEpoch}, the best (--patience)");
                break;
        }
    }

    /// <summary>Names every option that scales the update: a large --weight-decay diverges as surely as a large --lr.</summary>
    private static string DivergenceHint(IOptimizer<float> optimizer, TrainOptions options)
    {
        var causes = new List<string> { Invariant($"--lr (it was {optimizer.LearningRate:G6})") };
        if (options.WeightDecay > 0)
            causes.Add(Invariant($"--weight-decay (it was {options.WeightDecay:G6})"));
        if (options.Optimizer == OptimizerNames.Sgd && options.Momentum > 0)
            causes.Add(Invariant($"--momentum (it was {options.Momentum:G6})"));
        return $"Try a lower {string.Join(" or ", causes)}";
    }

    private static string Controls(TrainOptions options)
    {
        var settings = options.Schedule;
        string schedule = settings.Kind switch
        {
            LearningRateScheduleKind.Step => Invariant($"; lr ×{settings.Gamma} every {settings.StepEpochs} epochs"),
            LearningRateScheduleKind.Plateau => Invariant($"; lr ×{settings.Factor} after {settings.Patience} epochs without a lower val_loss"),
            LearningRateScheduleKind.Cosine => Invariant($"; cosine lr over {options.Epochs} epochs{(settings.WarmupEpochs is > 0 and var warmup ? $" after {warmup} of warm-up" : "")}"),
            _ => "",
        };
        return schedule + (options.Patience is { } patience ? $"; early stopping after {patience} epochs without a {Improvement(options, "val_loss")}" : "");
    }

    /// <summary>What counts as an improvement for early stopping: "lower validation loss", or "validation loss 0.1 % below
    /// the best" when the picked recipe asks for a margin.</summary>
    private static string Improvement(TrainOptions options, string loss = "validation loss") =>
        options.MinImprovement > 0 ? Invariant($"{loss} {options.MinImprovement * 100:0.###} % below the best") : $"lower {loss}";

    /// <summary>What <see cref="PrepareAndTrain"/> hands back. It holds no dataset of the training file, so that the
    /// training matrix is garbage once it returns and a --test file read afterwards can reuse its memory.</summary>
    /// <param name="Options">The options as used: the given ones and those picked from the data.</param>
    /// <param name="ValidationScores">The kept weights' scores on the validation split, taken before the split is let
    /// go; null without a validation split or without usable weights.</param>
    /// <param name="EarlyTest">The --test file when it was read before training (it has text columns, whose categories
    /// are checked before the training they could waste); null when it is read after.</param>
    /// <param name="ClassWeights">The balanced class weights of the training split; null when unweighted.</param>
    /// <param name="Picked">The "picked: …" lines: what was picked from the data, and why.</param>
    private sealed record Trained(Preprocessing Prep, Sequential<float> Model, TrainingLoop Loop, IOptimizer<float> Optimizer,
        TrainingOutcome Outcome, bool HasValidation, double LoadSeconds, TrainOptions Options, Scores? ValidationScores, Dataset? EarlyTest,
        double[]? ClassWeights, IReadOnlyList<string> Picked);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Trained PrepareAndTrain(TrainOptions options, TextWriter output, CancellationToken interrupt, SavedModel? resumed,
        Random splitRandom, Random initRandom, Random shuffleRandom, Parallelism parallelism)
    {
        TrainingChecks.TestFile(options);
        PreparedData data;
        using (InterruptSignal.ExitAtOnceOn(interrupt)) // nothing to save yet: a signal while reading ends the run at once
            data = PreparedData.Load(options.DataPath, options.Targets, options.Task, UsesFolds(options, resumed) ? 0 : options.ValidationSplit, splitRandom, options.Data, resumed?.Preprocessing);
        var prep = data.Preprocessing;
        Dataset? earlyTest = null;
        IReadOnlyList<UnseenCategories.Column>? unseen = null;
        if (options.TestPath is not null)
        {
            using var reading = InterruptSignal.ExitAtOnceOn(interrupt); // nothing to save yet, as above
            CsvLoader.CheckColumnsFor(prep, options.TestPath, options.Data); // checked now, read after training
            // Unseen categories (an error under --unknown-category error) can only be found by reading the rows; a file
            // with text columns is read now, so that no training is wasted on a test file that cannot be scored.
            if (prep.Features.Any(f => f.IsCategorical))
            {
                earlyTest = PreparedData.LoadTest(prep, options.TestPath, options.Data, fittedNow: resumed is null);
                unseen = UnseenCategories.Count(prep, options.TestPath, options.Data);
            }
        }
        foreach (string line in DataSummary.Lines(options, data))
            output.WriteLine(line);
        string? membersLine = null;
        if (PicksMembers(options, resumed))
        {
            (int members, membersLine) = RecipeFill.Members(data.Train.Count, parallelism.Workers.Count);
            options = options with { Ensemble = members };
        }
        if (UsesFolds(options, resumed) && options.Ensemble == 1)
        {
            // One network after all: hold out its validation rows from the rows read without a split.
            var (trainPositions, validationPositions, _) = Split.Plan(data.Train.Count, options.ValidationSplit, splitRandom, data.Train.Labels);
            data = data with { Train = data.Train.Subset(trainPositions), Validation = data.Train.Subset(validationPositions) };
        }
        output.WriteLine(DataSummary.Split(options, data, options.Ensemble));
        if (unseen is { Count: > 0 })
            output.WriteLine($"test: {UnseenCategories.Describe(unseen)}");
        // An ensemble's members each train on all folds but their own.
        int memberRows = IsEnsemble(options, resumed) ? data.Train.Count - data.Train.Count / FoldsFor(options) : data.Train.Count;
        (options, var pickedLines) = PickedDefaults.Apply(options, memberRows, prep.InputCount, prep.OutputCount, resumed is not null);
        if (membersLine is not null)
            pickedLines = [membersLine, .. pickedLines];
        foreach (string line in pickedLines)
            output.WriteLine(line);
        double[]? classWeights = null;
        TrainingChecks.TaskOptions(options, prep);
        if (options.ClassWeight == ClassWeighting.Balanced && prep.Task == TaskKind.Classification)
        {
            classWeights = ClassWeights.Balanced(data.Train.Labels, prep.OutputCount);
            ClassWeights.Apply(data.Train, classWeights);
            string origin = resumed is not null && options.Settings.ClassWeight is null ? "balanced as the resumed model was" : "balanced";
            output.WriteLine($"class weights ({origin}, from the training split): {ClassWeightsText(prep.ClassNames, classWeights)}");
        }
        if (options.Verbosity == Verbosity.Verbose)
        {
            foreach (string line in DataSummary.Encodings(prep))
                output.WriteLine(line);
        }

        var size = CheckMemory(options, resumed, prep, data);
        // The save's folder must have room for the file before the weights are trained, not after.
        SaveSpace.Check(options.SavePath is null ? "the model file" : "--save", options.SavePath ?? DefaultSavePath(options.DataPath, DateTime.Now),
            size.Parameters * (IsEnsemble(options, resumed) ? options.Ensemble : 1), prep);
        if (IsEnsemble(options, resumed))
            return TrainEnsemble(options, output, interrupt, data, earlyTest, classWeights, pickedLines, splitRandom, initRandom, shuffleRandom, parallelism);
        var model = resumed?.Network ?? NewNetwork(options, prep, initRandom);
        if (resumed is not null)
        {
            // A loaded model's layers were built with a fixed seed; its dropout masks follow --seed like a new model's.
            model.Reseed(initRandom);
        }
        var optimizer = NewOptimizer(options);
        var loop = new TrainingLoop(model, LossFor.Task(prep, options.LabelSmoothing), optimizer, options.BatchSize, shuffleRandom, parallelism, LossFor.Task(prep));
        output.WriteLine(Invariant($"model: {Describe(model)}  ({model.Parameters.Sum(p => (long)p.Values.Length):N0} parameters){(resumed is null ? "" : $", resumed from {options.ResumePath}")}"));
        output.WriteLine(Invariant($"optimizer: {optimizer.Description}; batch {options.BatchSize}; {options.Epochs} epochs{Controls(options)}"));

        bool hasValidation = data.Validation.Count > 0;
        output.WriteLine(EpochHeader(options.Epochs, prep.Task == TaskKind.Classification ? "acc" : "r2", hasValidation));
        var session = new TrainingSession(model, loop, optimizer, LearningRateSchedule.For(options.Schedule, options.Epochs), options.Patience, options.MinImprovement);
        // What reading, preparing and building left behind (the sample rows of both files, the scans of the columns, the
        // initial weights' double samples, ...) is dead now, but stays resident until the gen0 budget runs out, which
        // with a large L3 cache is tens of MB: on Fashion-MNIST no collection came in three epochs, and those 15-20 MB
        // sat on top of the training matrix at the peak. Collected here, where it has just died, and given back
        // (aggressive: a plain collection keeps it committed); the pause is a few milliseconds.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var outcome = EpochProgress.Run(output, loop, options.Epochs, writeLine => session.Run(options.Epochs, data.Train, data.Validation,
            (result, changedRate) => writeLine(result.Epoch, FormatEpoch(result, options.Epochs, changedRate)), interrupt));
        // The kept weights (the session restored them) on the validation split: scored here, because the split shares
        // the training file's matrix (PreparedData.Load), which must not outlive this method.
        var validationScores = hasValidation && outcome.HasUsableWeights ? loop.Score(data.Validation, prep.TargetScales) : null;
        return new Trained(prep, model, loop, optimizer, outcome, hasValidation, data.LoadSeconds, options, validationScores, earlyTest, classWeights, pickedLines);
    }

    private static bool IsEnsemble(TrainOptions options, SavedModel? resumed) => options.Ensemble > 1 && resumed is null;

    private static bool PicksMembers(TrainOptions options, SavedModel? resumed) =>
        options.PickDefaultsFromData && RecipeFill.PicksMembers(options.Settings, options.ValidationSplit > 0, resumed is not null);

    /// <summary>The file is read without a split when the rows may be dealt into an ensemble's folds.</summary>
    private static bool UsesFolds(TrainOptions options, SavedModel? resumed) => IsEnsemble(options, resumed) || PicksMembers(options, resumed);

    /// <summary>An ensemble's folds: as many as --val-split asks (5 for 20 %), and at least one per member.</summary>
    public static int FoldsFor(TrainOptions options) => Math.Max(options.Ensemble, (int)Math.Round(1 / Math.Max(options.ValidationSplit, 0.01)));

    /// <summary>--ensemble K: the usable rows (data.Train: nothing was held out) dealt into K folds, stratified for
    /// classification; member k trains on the other folds and is validated (early stopping, best epoch) on fold k; the
    /// members train side by side on the workers (<see cref="EnsembleTraining"/>); the model is their mean.</summary>
    private static Trained TrainEnsemble(TrainOptions options, TextWriter output, CancellationToken interrupt, PreparedData data, Dataset? earlyTest,
        double[]? classWeights, IReadOnlyList<string> pickedLines, Random splitRandom, Random initRandom, Random shuffleRandom, Parallelism parallelism)
    {
        var prep = data.Preprocessing;
        var all = data.Train;
        int k = options.Ensemble;
        if (all.Count < k)
            throw new InputException(Invariant($"{options.DataPath}: --ensemble {k} needs at least {k} usable rows; there are {all.Count}"));
        int[] fold = Folds.Assign(all.Count, FoldsFor(options), splitRandom, all.Labels);
        var members = new EnsembleMember[k];
        for (int m = 0; m < k; m++)
        {
            var train = all.Subset([.. Enumerable.Range(0, all.Count).Where(i => fold[i] != m)]);
            var validation = all.Subset([.. Enumerable.Range(0, all.Count).Where(i => fold[i] == m)]);
            var network = NewNetwork(options, prep, new Random(initRandom.Next()));
            var memberOptimizer = NewOptimizer(options);
            var memberLoop = new TrainingLoop(network, LossFor.Task(prep, options.LabelSmoothing), memberOptimizer, options.BatchSize, new Random(shuffleRandom.Next()),
                scoringLoss: LossFor.Task(prep));
            var session = new TrainingSession(network, memberLoop, memberOptimizer, LearningRateSchedule.For(options.Schedule, options.Epochs), options.Patience, options.MinImprovement);
            members[m] = new EnsembleMember(network, memberLoop, session, train, validation);
        }
        var first = members[0].Model;
        output.WriteLine(Invariant($"model: ensemble of {k} members, each {Describe(first)}  ({k * first.Parameters.Sum(p => (long)p.Values.Length):N0} parameters)"));
        output.WriteLine(Invariant($"ensemble: {k} members train side by side, {Math.Min(k, parallelism.Workers.Count)} at a time, each on one thread and {members[0].Train.Count:N0} rows"));
        var optimizer = NewOptimizer(options);
        output.WriteLine(Invariant($"optimizer: {optimizer.Description}; batch {options.BatchSize}; {options.Epochs} epochs{Controls(options)}"));
        output.WriteLine(EpochHeader(options.Epochs, prep.Task == TaskKind.Classification ? "acc" : "r2"));
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var (outcomes, history) = EpochProgress.Run(output, members[0].Loop, options.Epochs, writeLine =>
            EnsembleTraining.Run(members, options.Epochs, parallelism.Workers,
                (result, changedRate) => writeLine(result.Epoch, FormatEpoch(result, options.Epochs, changedRate)), interrupt));
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
        var loop = new TrainingLoop(model, LossFor.Task(prep), optimizer, options.BatchSize, new Random(0));
        // Each member kept its own best epoch (the lines above): the ensemble has no one best epoch to name. It is usable
        // when every member is; a member without finite weights would spoil the average.
        var reason = outcomes.Any(o => o.Reason == StopReason.Interrupted) ? StopReason.Interrupted
            : outcomes.Any(o => !o.HasUsableWeights) ? StopReason.NonFinite : StopReason.Completed;
        var outcome = new TrainingOutcome(history, reason, null, outcomes.Select(o => o.Failure).FirstOrDefault(f => f is not null));
        var validationScores = memberScores.Count == 0 ? null : MeanScores(memberScores);
        return new Trained(prep, model, loop, optimizer, outcome, true, data.LoadSeconds, options, validationScores, earlyTest, classWeights, pickedLines);
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

    /// <summary>"common 0.37, rare 4.2, very_rare 16.7": each class's weight, three decimals at most.</summary>
    internal static string ClassWeightsText(IEnumerable<string> classNames, IEnumerable<double> weights) =>
        string.Join(", ", classNames.Zip(weights, (name, weight) => Invariant($"{name} {weight:0.###}")));

    /// <summary>The network of --hidden or --layers for <paramref name="prep"/>'s inputs and outputs, freshly initialised.</summary>
    internal static Sequential<float> NewNetwork(TrainOptions options, Preprocessing prep, Random initRandom) => options.Layers is null
        ? Mlp.Build(prep.InputCount, options.Hidden, prep.OutputCount, LayerContext<float>.WithChosenGemm(initRandom))
        : LayerRegistry.Build(LayerRegistry.Parse(options.Layers), prep.InputCount, prep.OutputCount, LayerContext<float>.WithChosenGemm(initRandom));

    /// <summary>The optimizer of <paramref name="options"/>, built by its registered name.</summary>
    internal static IOptimizer<float> NewOptimizer(TrainOptions options) => OptimizerRegistry.Create<float>(options.Optimizer, OptimizerSettings(options));

    /// <summary>Refuses, before a layer is built, a network that overflows an array or does not fit in memory.</summary>
    private static MemoryEstimate CheckMemory(TrainOptions options, SavedModel? resumed, Preprocessing prep, PreparedData data) =>
        CheckMemory(options, resumed, prep, data.Train.Count, Math.Max(data.Train.Count, data.Validation.Count));

    /// <param name="rows">The most rows one pass scores (the training or the validation split).</param>
    internal static MemoryEstimate CheckMemory(TrainOptions options, SavedModel? resumed, Preprocessing prep, int trainRows, int rows)
    {
        var (specs, network) = resumed is not null ? (LayerRegistry.Parse(resumed.Network.Spec), $"of {options.ResumePath}")
            : options.Layers is not null ? (LayerRegistry.Parse(options.Layers), $"--layers {options.Layers}")
            : (LayerRegistry.FromHidden(options.Hidden), $"--hidden {(options.Hidden.Count == 0 ? "none" : string.Join(',', options.Hidden))}");
        var estimate = MemoryEstimate.For(specs, prep.InputCount, prep.OutputCount, Math.Min(options.BatchSize, trainRows),
            Math.Min(ForwardPass.ChunkSize, rows), NewOptimizer(options).StateArrays, ThreadsOption.Resolve(options.Threads));
        estimate.Check(network);
        return estimate;
    }

    /// <param name="hasValidation">False without a validation split: the validation columns, all NaN, are left out.</param>
    public static string EpochHeader(int epochs, string metric, bool hasValidation = true)
    {
        int width = EpochColumnWidth(epochs);
        string validation = hasValidation ? Invariant($"  {"val_loss",10}  {"val_" + metric,8}") : "";
        return Invariant($"{"epoch".PadLeft(width)}  {"train_loss",10}{validation}  {"seconds",8}  {"samples/s",10}");
    }

    /// <param name="changedRate">The learning rate of this epoch when it differs from the previous epoch's; the
    /// row then ends with "lr X". Without a validation split the validation columns are left out; an epoch
    /// shorter than <see cref="EpochResult.TimedSeconds"/> shows no samples/s (the summary gives the average).</param>
    public static string FormatEpoch(EpochResult e, int epochs, double? changedRate = null)
    {
        string epoch = Invariant($"{e.Epoch}/{epochs}").PadLeft(EpochColumnWidth(epochs));
        string rate = changedRate is { } lr ? Invariant($"  lr {lr:G6}") : "";
        string validation = e.HasValidation ? Invariant($"  {e.ValidationLoss,10:0.0000}  {e.ValidationMetric,8:0.0000}") : "";
        string speed = e.Seconds >= EpochResult.TimedSeconds ? Invariant($"{e.SamplesPerSecond,10:N0}") : new string(' ', 10);
        string row = Invariant($"{epoch}  {e.TrainLoss,10:0.0000}{validation}  {e.Seconds,8:0.000}  {speed}{rate}");
        return rate.Length == 0 ? row.TrimEnd() : row;
    }

    /// <summary>"speed: 257,843 samples/s on average (150 epochs, 0.071 s training)": under 80 columns.</summary>
    public static string SpeedLine(IReadOnlyList<EpochResult> history)
    {
        double seconds = history.Sum(e => e.Seconds);
        long samples = history.Sum(e => (long)e.Samples);
        string rate = seconds > 0 ? Invariant($"{samples / seconds:N0}") : "-";
        return Invariant($"speed: {rate} samples/s on average ({history.Count} epochs, {seconds:0.000} s training)");
    }

    private static int EpochColumnWidth(int epochs) => Math.Max(5, 2 * epochs.ToString(CultureInfo.InvariantCulture).Length + 1);

    private static string Describe(Sequential<float> model) =>
        model.InputSize + " → " + string.Join(" → ", model.Layers.Select(layer => layer.Summary));
}
