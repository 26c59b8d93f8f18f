using System.Globalization;
using NeuralNet.Data;
using NeuralNet.LinearAlgebra;
using NeuralNet.Models;
using NeuralNet.Reporting;
using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary>A training run from the command line: the options checked, a --resume model loaded and checked against
/// them, --cv's folds first, then the training pipeline (<see cref="TrainingPipeline"/>) called, and its result
/// printed (<see cref="TrainSummary"/>), scored on --test, saved and reported.</summary>
public static class TrainRun
{
    /// <param name="error">Where the non-finite-loss message goes.</param>
    /// <param name="interrupt">Ctrl+C, SIGTERM or SIGHUP: ends the run at once while files are read (nothing to save
    /// yet), else stops after the current batch and saves the best model; a save under way is finished. The caller maps
    /// <see cref="ExitCodes.Interrupted"/> to the signal's own code.</param>
    public static int Execute(TrainOptions options, TextWriter output, TextWriter error, CancellationToken interrupt = default)
    {
        CheckBeforeWork(options);

        SavedModel? resumed;
        using (InterruptSignal.ExitAtOnceOn(interrupt)) // nothing to save yet: a signal while reading ends the run at once
            resumed = options.Request.ResumePath is null ? null : ModelSerializer.Load(options.Request.ResumePath);
        if (resumed is not null)
        {
            ResumeConflicts.Check(options, resumed);
            // The saved run's missing-value words, unless --na-values gives others.
            options = options with { Request = options.Request with { Data = options.Request.Data with { NaValues = options.Request.Data.NaValues ?? resumed.Preprocessing.NaValues } } };
            (options, var splitNote) = ResumedSplit.Keep(options, resumed);
            if (splitNote is not null && options.Verbosity != Verbosity.Quiet)
                output.WriteLine(splitNote);
        }
        // A resumed run keeps the saved model's class weighting unless --class-weight is given; balanced weights are
        // counted again on this run's training split. A file saved before the weighting was recorded resumes unweighted.
        if (resumed?.Run?.ClassWeight is { } savedWeighting && options.Request.Settings.ClassWeight is null)
            options = options with { Request = options.Request with { ClassWeight = savedWeighting } };
        // What --quiet leaves out: everything before the summary, and the chart.
        var detail = options.Verbosity == Verbosity.Quiet ? TextWriter.Null : output;
        // Before any read: a --test file that is the training file would give training figures (the folds' too).
        TrainingChecks.TestIsHeldOut(options.Request);
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
        // Reading, building and training happen in the pipeline: when it returns nothing refers to the training
        // matrix any more, so a --test file read afterwards can reuse its memory instead of adding to it.
        var trained = TrainingPipeline.Run(options.Request, resumed?.ToResume(), ThreadsOption.For(workers, options.Request.Seed), new TrainHooks(detail, options), interrupt);
        // From here on, request holds what the run really used: the given settings and those picked from the data.
        var request = trained.Used;
        var (prep, outcome, validationScores) = (trained.Preprocessing, trained.Outcome, trained.ValidationScores);
        bool classification = prep.Task == TaskKind.Classification;
        var history = outcome.History;
        // The training matrix is garbage now: give its memory back before the test file is read. Aggressive, because a
        // plain collection keeps the freed region resident, and the test file and the save then add to it
        // (Fashion-MNIST: a 275 MB peak instead of 262 MB).
        if (request.TestPath is not null)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        detail.WriteLine();
        TrainSummary.Stop(output, error, trained);
        if (!outcome.HasUsableWeights)
        {
            error.WriteLine(outcome.Reason == StopReason.NonFinite
                ? "no epoch ended with weights that give finite outputs, so there is no model to save"
                : "no epoch finished, so there is no model to save");
            return ExitCode(outcome.Reason);
        }

        EpochResult? best = outcome.BestEpoch is { } bestEpoch ? history[bestEpoch - 1] : null;
        EpochResult? kept = outcome.RestoredEpoch is { } restored ? history[restored - 1] : history.LastOrDefault();
        TrainSummary.Epochs(output, trained, best, kept);
        // The kept weights' figures on the validation split, the metrics of imbalanced classes and errors in target units included.
        RunScore? validationScore = null;
        if (validationScores is not null && kept is not null)
        {
            validationScore = RunScore.From(validationScores);
            output.WriteLine($"val ({(trained.IsOneEnsembleLayer ? "folds" : $"epoch {kept.Epoch}")}): {ScoreLine.Format(validationScores, classification)}");
        }
        RunScore? test = null;
        InputException? testProblem = null;
        if (request.TestPath is not null)
        {
            try
            {
                // A signal stops the read (the process cannot just end: the model is still to be saved), and one
                // that came during training skips it: the user asked to stop, not to wait for a file.
                var testData = trained.EarlyTest ?? PreparedData.LoadTest(prep, request.TestPath, request.Data, fittedNow: resumed is null, interrupt);
                var scores = trained.Loop.Score(testData, prep.TargetScales);
                test = RunScore.From(scores);
                output.WriteLine($"test ({request.TestPath}, {testData.Count} rows{UnlabelledNote(testData)}): {ScoreLine.Format(scores, classification)}");
                // Its unseen categories had their line before training (a file with text columns is read then).
                foreach (string line in (testData.Scored with { Unseen = [] }).Lines(request.TestPath, prep.Missing))
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
                error.WriteLine($"interrupted: --test {request.TestPath} was not read; the model is saved without test figures");
            }
        }
        detail.WriteLine();
        detail.Write(LossChart.Draw([
            ("train", '*', history.Select(e => e.TrainLoss).ToArray()),
            ("validation", 'o', history.Select(e => e.ValidationLoss).ToArray()),
        ], outcome.BestEpoch));

        string hash = WeightsHash.Of(trained.Model);
        output.WriteLine(Invariant($"weights sha256 {hash}"));

        var metrics = new ModelMetrics(classification ? "accuracy" : "r2", kept?.Epoch ?? 0, validationScore, test);
        var document = ModelSerializer.ToDocument(trained.Model, prep, Record(options, trained, crossValidation), metrics);
        var now = DateTime.Now;
        string savePath = options.SavePath ?? ModelSerializer.SaveNew(attempt => DefaultSavePath(request.DataPath, now, attempt), document);
        if (options.SavePath is not null)
            ModelSerializer.Save(savePath, document);
        output.WriteLine($"model saved to {savePath}");
        if (testProblem is not null)
            throw testProblem;

        if (options.HistoryPath is not null)
            AtomicFile.WriteText(options.HistoryPath, HistoryCsv.Format(history));
        if (options.PlotPath is not null)
        {
            LossPlot.Save(options.PlotPath, history, classification ? "accuracy" : "r2", Path.GetFileNameWithoutExtension(request.DataPath), outcome.BestEpoch, options.PlotLog);
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
                trained.LoadSeconds,
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
            new("--save", options.SavePath ?? DefaultSavePath(options.Request.DataPath, DateTime.Now), MayReplace: "--resume", Kind: OutputKind.Model),
            .. Optional("--report", options.ReportPath, OutputKind.Report), .. Optional("--history", options.HistoryPath, OutputKind.Csv), .. Optional("--plot", options.PlotPath, OutputKind.Image)],
            [new("DATA.csv", options.Request.DataPath), .. Optional("--test", options.Request.TestPath), .. Optional("--resume", options.Request.ResumePath)],
            overwrite: options.Overwrite);
    }

    /// <summary>", 3 rows without a target value left out" for a scored file that had such rows, else "".</summary>
    internal static string UnlabelledNote(Dataset data) =>
        data.Unlabelled == 0 ? "" : Invariant($"; {data.Unlabelled} row{(data.Unlabelled == 1 ? "" : "s")} without a target value left out");

    /// <summary>The model file's account of the run; the layers are the network's own, so a resumed run records what it
    /// really trained, and the class weights are by class name, as counted on the training split.</summary>
    private static TrainingRecord Record(TrainOptions options, TrainingResult trained, CrossValidationRecord? crossValidation)
    {
        var request = trained.Used;
        return new(request.DataPath, request.TestPath, trained.LayerSpecs, request.ValidationSplit,
        request.Optimizer, request.OptimizerSettings, request.Schedule, request.Epochs, request.BatchSize, request.Seed, request.Patience,
        request.Data, request.ResumePath,
        ClassWeight: trained.Preprocessing.Task == TaskKind.Classification ? request.ClassWeight : null,
        ClassWeights: trained.ClassWeights is not { } classWeights ? null : trained.Preprocessing.ClassNames.Zip(classWeights).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal),
        MinImprovement: request.Patience is null ? null : request.MinImprovement,
        Picked: [.. trained.Picked.Select(line => line.StartsWith(RecipeFill.Prefix, StringComparison.Ordinal) ? line[RecipeFill.Prefix.Length..] : line)],
        Threads: ThreadsOption.Resolve(options.Threads),
        Blas: BlasBackend.Gemm<float>().Name,
        CrossValidation: crossValidation);
    }

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
}
