using System.Runtime.CompilerServices;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using static System.FormattableString;

namespace NeuralNet.Training;

/// <summary>
/// A training run from a <see cref="TrainingRequest"/> to a trained model: read and prepare the data, hold out the
/// validation rows (or deal them into an ensemble's folds), fill what the request leaves to the recipe, weigh the
/// classes, check the network fits, build it, train it and score the kept weights on the validation rows. It prints
/// its lines to <see cref="TrainingHooks.Lines"/> as it goes; what is done with the result (saved, scored on a test
/// file, reported) is the caller's.
/// </summary>
public static class TrainingPipeline
{
    /// <param name="resumed">A saved model to continue training; null for fresh weights.</param>
    /// <param name="parallelism">The workers that split each batch, or that an ensemble's members train on side by side.</param>
    /// <param name="cancel">Stops after the current batch; the best weights are kept.</param>
    [MethodImpl(MethodImplOptions.NoInlining)] // its locals (the training matrix) must be dead when it returns
    public static TrainingResult Run(TrainingRequest request, ResumedNetwork? resumed, Parallelism parallelism, TrainingHooks hooks, CancellationToken cancel = default)
    {
        var output = hooks.Lines;
        // One seed drives everything, through separate streams, so changing e.g. the batch size does not change the split.
        var seeds = new Random(request.Seed);
        var splitRandom = new Random(seeds.Next());
        var initRandom = new Random(seeds.Next());
        var shuffleRandom = new Random(seeds.Next());
        if (request.SplitSeed is { } splitSeed)
            splitRandom = new Random(new Random(splitSeed).Next()); // that seed's split stream, drawn as above

        PreparedData data;
        using (hooks.Reading(cancel))
            data = PreparedData.Load(request.DataPath, request.Targets, request.Task, UsesFolds(request, resumed) ? 0 : request.ValidationSplit, splitRandom, request.Data, resumed?.Preprocessing);
        var prep = data.Preprocessing;
        Dataset? earlyTest = null;
        IReadOnlyList<UnseenCategories.Column>? unseen = null;
        if (request.TestPath is not null)
        {
            using var reading = hooks.Reading(cancel);
            CsvLoader.CheckColumnsFor(prep, request.TestPath, request.Data); // checked now, read after training
            // Unseen categories (an error under --unknown-category error) can only be found by reading the rows; a file
            // with text columns is read now, so that no training is wasted on a test file that cannot be scored.
            if (prep.Features.Any(f => f.IsCategorical))
            {
                earlyTest = PreparedData.LoadTest(prep, request.TestPath, request.Data, fittedNow: resumed is null);
                unseen = UnseenCategories.Count(prep, request.TestPath, request.Data);
            }
        }
        hooks.DataRead(request, data);
        string? membersLine = null;
        if (PicksMembers(request, resumed))
        {
            (int members, membersLine) = RecipeFill.Members(data.Train.Count, parallelism.Workers.Count);
            request = request with { Ensemble = members };
        }
        if (UsesFolds(request, resumed) && request.Ensemble == 1)
        {
            // One network after all: hold out its validation rows from the rows read without a split.
            var (trainPositions, validationPositions, _) = Split.Plan(data.Train.Count, request.ValidationSplit, splitRandom, data.Train.Labels);
            data = data with { Train = data.Train.Subset(trainPositions), Validation = data.Train.Subset(validationPositions) };
        }
        hooks.Split(request, data, request.Ensemble);
        if (unseen is { Count: > 0 })
            output.WriteLine($"test: {UnseenCategories.Describe(unseen)}");
        // An ensemble's members each train on all folds but their own.
        int memberRows = IsEnsemble(request, resumed) ? data.Train.Count - data.Train.Count / FoldsFor(request) : data.Train.Count;
        (request, var pickedLines) = request.FillFromData(memberRows, prep.InputCount, prep.OutputCount, resumed is not null);
        if (membersLine is not null)
            pickedLines = [membersLine, .. pickedLines];
        foreach (string line in pickedLines)
            output.WriteLine(line);
        var classWeights = WeighClasses(request, resumed, data, output);
        hooks.Encoded(prep);

        var size = CheckMemory(request, resumed, prep, data.Train.Count, Math.Max(data.Train.Count, data.Validation.Count), parallelism.Workers.Count);
        hooks.BeforeBuilding(prep, size.Parameters * (IsEnsemble(request, resumed) ? request.Ensemble : 1));
        if (IsEnsemble(request, resumed))
            return EnsemblePipeline.Train(request, hooks, cancel, data, earlyTest, classWeights, pickedLines, (splitRandom, initRandom, shuffleRandom), parallelism);
        var model = resumed?.Network ?? NewNetwork(request, prep, initRandom);
        if (resumed is not null)
        {
            // A loaded model's layers were built with a fixed seed; its dropout masks follow the seed like a new model's.
            model.Reseed(initRandom);
        }
        var optimizer = NewOptimizer(request);
        var loop = new TrainingLoop(model, LossFor.Task(prep, request.LabelSmoothing), optimizer, request.BatchSize, shuffleRandom, parallelism, LossFor.Task(prep));
        output.WriteLine(Invariant($"model: {RunLines.Describe(model)}  ({model.Parameters.Sum(p => (long)p.Values.Length):N0} parameters){(resumed is null ? "" : $", resumed from {request.ResumePath}")}"));
        output.WriteLine(Invariant($"optimizer: {optimizer.Description}; batch {request.BatchSize}; {request.Epochs} epochs{RunLines.Controls(request)}"));

        bool hasValidation = data.Validation.Count > 0;
        output.WriteLine(RunLines.EpochHeader(request.Epochs, prep.Task == TaskKind.Classification ? "acc" : "r2", hasValidation));
        var session = new TrainingSession(model, loop, optimizer, LearningRateSchedule.For(request.Schedule, request.Epochs), request.Patience, request.MinImprovement);
        // What reading, preparing and building left behind (the sample rows of both files, the scans of the columns, the
        // initial weights' double samples, ...) is dead now, but stays resident until the gen0 budget runs out, which
        // with a large L3 cache is tens of MB: on Fashion-MNIST no collection came in three epochs, and those 15-20 MB
        // sat on top of the training matrix at the peak. Collected here, where it has just died, and given back
        // (aggressive: a plain collection keeps it committed); the pause is a few milliseconds.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        int epochs = request.Epochs;
        var outcome = hooks.Epochs(loop, epochs, writeLine => session.Run(epochs, data.Train, data.Validation,
            (result, changedRate) => writeLine(result.Epoch, RunLines.FormatEpoch(result, epochs, changedRate)), cancel));
        // The kept weights (the session restored them) on the validation split: scored here, because the split shares
        // the training file's matrix (PreparedData.Load), which must not outlive this method.
        var validationScores = hasValidation && outcome.HasUsableWeights ? loop.Score(data.Validation, prep.TargetScales) : null;
        return new TrainingResult(prep, model, loop, optimizer, outcome, hasValidation, data.LoadSeconds, request, validationScores, earlyTest, classWeights, pickedLines);
    }

    /// <summary>An ensemble's folds: as many as the validation share asks (5 for 20 %), and at least one per member.</summary>
    public static int FoldsFor(TrainingRequest request) => Math.Max(request.Ensemble, (int)Math.Round(1 / Math.Max(request.ValidationSplit, 0.01)));

    /// <summary>The network of <see cref="TrainingRequest.Hidden"/> or <see cref="TrainingRequest.Layers"/> for
    /// <paramref name="prep"/>'s inputs and outputs, freshly initialised.</summary>
    public static Sequential<float> NewNetwork(TrainingRequest request, Preprocessing prep, Random initRandom) => request.Layers is null
        ? Mlp.Build(prep.InputCount, request.Hidden, prep.OutputCount, LayerContext<float>.WithChosenGemm(initRandom))
        : LayerRegistry.Build(LayerRegistry.Parse(request.Layers), prep.InputCount, prep.OutputCount, LayerContext<float>.WithChosenGemm(initRandom));

    /// <summary>A network trained on one thread, apart from others (an ensemble's member, a --cv fold): fresh weights
    /// from <paramref name="initRandom"/>, batches shuffled by <paramref name="shuffleRandom"/>, its own optimizer,
    /// schedule and early stopping.</summary>
    internal static (Sequential<float> Model, TrainingLoop Loop, TrainingSession Session) NewSingleThreadSession(TrainingRequest request, Preprocessing prep,
        Random initRandom, Random shuffleRandom)
    {
        var model = NewNetwork(request, prep, initRandom);
        var optimizer = NewOptimizer(request);
        var loop = new TrainingLoop(model, LossFor.Task(prep, request.LabelSmoothing), optimizer, request.BatchSize, shuffleRandom, scoringLoss: LossFor.Task(prep));
        var session = new TrainingSession(model, loop, optimizer, LearningRateSchedule.For(request.Schedule, request.Epochs), request.Patience, request.MinImprovement);
        return (model, loop, session);
    }

    /// <summary>The optimizer of <paramref name="request"/>, built by its registered name.</summary>
    public static IOptimizer<float> NewOptimizer(TrainingRequest request) => OptimizerRegistry.Create<float>(request.Optimizer, request.OptimizerSettings);

    private static bool IsEnsemble(TrainingRequest request, ResumedNetwork? resumed) => request.Ensemble > 1 && resumed is null;

    private static bool PicksMembers(TrainingRequest request, ResumedNetwork? resumed) =>
        request.PickDefaultsFromData && RecipeFill.PicksMembers(request.Settings, request.ValidationSplit > 0, resumed is not null);

    /// <summary>The file is read without a split when the rows may be dealt into an ensemble's folds.</summary>
    private static bool UsesFolds(TrainingRequest request, ResumedNetwork? resumed) => IsEnsemble(request, resumed) || PicksMembers(request, resumed);

    /// <summary>Balanced class weights, applied to the training split and said in a line; null when unweighted.</summary>
    private static double[]? WeighClasses(TrainingRequest request, ResumedNetwork? resumed, PreparedData data, TextWriter output)
    {
        var prep = data.Preprocessing;
        CheckTaskSettings(request, prep);
        if (request.ClassWeight != ClassWeighting.Balanced || prep.Task != TaskKind.Classification)
            return null;
        var classWeights = ClassWeights.Balanced(data.Train.Labels, prep.OutputCount);
        ClassWeights.Apply(data.Train, classWeights);
        string origin = resumed is not null && request.Settings.ClassWeight is null ? "balanced as the resumed model was" : "balanced";
        output.WriteLine($"class weights ({origin}, from the training split): {ClassWeights.Text(prep.ClassNames, classWeights)}");
        return classWeights;
    }

    /// <summary>Refuses label smoothing and balanced class weights on a regression target.</summary>
    public static void CheckTaskSettings(TrainingRequest request, Preprocessing prep)
    {
        if (request.LabelSmoothing > 0 && prep.Task == TaskKind.Regression)
            throw new InputException($"{request.Names.LabelSmoothing} smooths class targets, but {Targets(prep)} is a regression target; leave it out, or pass {request.Names.ClassificationTask}");
        if (request.Settings.ClassWeight == ClassWeighting.Balanced && prep.Task == TaskKind.Regression)
            throw new InputException($"{request.Names.BalancedClassWeight} weighs classes, but {Targets(prep)} is a regression target; leave it out, or pass {request.Names.ClassificationTask}");
    }

    // "'price'", "'x', 'y'": the targets for a message.
    private static string Targets(Preprocessing prep) => string.Join(", ", prep.TargetNames.Select(t => $"'{t}'"));

    /// <summary>Refuses, before a layer is built, a network that overflows an array or does not fit in memory.</summary>
    /// <param name="trainRows">The rows one network trains on.</param>
    /// <param name="rows">The most rows one pass scores (the training or the validation split).</param>
    public static MemoryEstimate CheckMemory(TrainingRequest request, ResumedNetwork? resumed, Preprocessing prep, int trainRows, int rows, int workers)
    {
        var (specs, network) = resumed is not null ? (LayerRegistry.Parse(resumed.Network.Spec), $"of {request.ResumePath}")
            : request.Layers is not null ? (LayerRegistry.Parse(request.Layers), $"{request.Names.Layers} {request.Layers}")
            : (LayerRegistry.FromHidden(request.Hidden), $"{request.Names.Hidden} {(request.Hidden.Count == 0 ? "none" : string.Join(',', request.Hidden))}");
        var estimate = MemoryEstimate.For(specs, prep.InputCount, prep.OutputCount, Math.Min(request.BatchSize, trainRows),
            Math.Min(ForwardPass.ChunkSize, rows), NewOptimizer(request).StateArrays, workers);
        estimate.Check(network, request.Names.BatchSize);
        return estimate;
    }
}
