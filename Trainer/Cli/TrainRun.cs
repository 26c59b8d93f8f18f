using System.Globalization;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Reporting;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>A training run from options to printed summary: load, build, train, report.</summary>
public static class TrainRun
{
    public static int Execute(TrainOptions options, TextWriter output)
    {
        // One seed drives everything, through separate streams, so changing e.g. the batch size does not change the split.
        var seeds = new Random(options.Seed);
        var splitRandom = new Random(seeds.Next());
        var initRandom = new Random(seeds.Next());
        var shuffleRandom = new Random(seeds.Next());

        var data = PreparedData.Load(options.DataPath, options.Target, options.Task, options.ValidationSplit, splitRandom, options.TestPath);
        var prep = data.Preprocessing;
        bool classification = prep.Task == TaskKind.Classification;
        PrintData(output, options, data);

        var model = Mlp.Build<float>(data.Train.FeatureCount, options.Hidden, prep.OutputCount, initRandom);
        ILoss<float> loss = classification ? new SoftmaxCrossEntropy<float>(prep.OutputCount) : new MeanSquaredError<float>(1);
        var optimizer = new Sgd<float>((float)options.LearningRate, (float)options.Momentum, (float)options.WeightDecay, options.Nesterov);
        var loop = new TrainingLoop(model, loss, optimizer, options.BatchSize, shuffleRandom);
        output.WriteLine(Invariant($"model: {Describe(model)}  ({model.Parameters.Sum(p => p.Values.Length):N0} parameters)"));
        output.WriteLine(Invariant($"optimizer: SGD lr {options.LearningRate}, momentum {options.Momentum}{(options.Nesterov ? " (Nesterov)" : "")}, weight decay {options.WeightDecay}; batch {options.BatchSize}; {options.Epochs} epochs"));

        string metric = classification ? "acc" : "r2";
        var history = new List<EpochResult>();
        output.WriteLine(EpochHeader(options.Epochs, metric));
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var result = loop.RunEpoch(epoch, data.Train, data.Validation);
            history.Add(result);
            output.WriteLine(FormatEpoch(result, options.Epochs));
        }

        // The best epoch is the one of lowest validation loss, or of lowest training loss without a validation split.
        bool hasValidation = data.Validation.Count > 0;
        var best = history.MinBy(e => hasValidation ? e.ValidationLoss : e.TrainLoss)!;
        var final = history[^1];
        output.WriteLine();
        output.WriteLine(Invariant($"best epoch {best.Epoch}: train_loss {best.TrainLoss:0.0000}  val_loss {best.ValidationLoss:0.0000}  val_{metric} {best.ValidationMetric:0.0000}"));
        output.WriteLine(Invariant($"final (epoch {final.Epoch}): val_loss {final.ValidationLoss:0.0000}  val_{metric} {final.ValidationMetric:0.0000}"));
        RunScore? test = null;
        if (data.Test is { } testData)
        {
            var (testLoss, testMetric) = loop.Evaluate(testData);
            test = new RunScore(testLoss, testMetric);
            output.WriteLine(Invariant($"test ({options.TestPath}, {testData.Count} rows): loss {testLoss:0.0000}  {metric} {testMetric:0.0000}"));
        }
        output.WriteLine();
        output.Write(LossChart.Draw([
            ("train", '*', history.Select(e => e.TrainLoss).ToArray()),
            ("validation", 'o', history.Select(e => e.ValidationLoss).ToArray()),
        ]));

        string hash = WeightsHash.Sha256(model.Parameters);
        output.WriteLine(Invariant($"weights sha256 {hash}"));

        if (options.HistoryPath is not null)
            AtomicFile.WriteText(options.HistoryPath, HistoryCsv.Format(history));
        if (options.ReportPath is not null)
        {
            var report = new RunReport(
                classification ? "classification" : "regression",
                classification ? "accuracy" : "r2",
                best.Epoch,
                hasValidation ? new RunScore(final.ValidationLoss, final.ValidationMetric) : null,
                test,
                data.LoadSeconds,
                [.. history.Select(e => e.Seconds)],
                history.Sum(e => e.Samples) / history.Sum(e => e.Seconds),
                hash);
            AtomicFile.WriteText(options.ReportPath, report.ToJson());
        }
        return ExitCodes.Success;
    }

    /// <summary>The header of the per-epoch table; every line of it fits an 80-column terminal.</summary>
    public static string EpochHeader(int epochs, string metric)
    {
        int width = EpochColumnWidth(epochs);
        return Invariant($"{"epoch".PadLeft(width)}  {"train_loss",10}  {"val_loss",10}  {"val_" + metric,8}  {"seconds",8}  {"samples/s",10}");
    }

    public static string FormatEpoch(EpochResult e, int epochs)
    {
        string epoch = Invariant($"{e.Epoch}/{epochs}").PadLeft(EpochColumnWidth(epochs));
        return Invariant($"{epoch}  {e.TrainLoss,10:0.0000}  {e.ValidationLoss,10:0.0000}  {e.ValidationMetric,8:0.0000}  {e.Seconds,8:0.000}  {e.SamplesPerSecond,10:N0}");
    }

    private static int EpochColumnWidth(int epochs) => Math.Max(5, 2 * epochs.ToString(CultureInfo.InvariantCulture).Length + 1);

    private static void PrintData(TextWriter output, TrainOptions options, PreparedData data)
    {
        var prep = data.Preprocessing;
        int rows = data.Train.Count + data.Validation.Count;
        output.WriteLine(Invariant($"data: {options.DataPath}: {rows} rows, {prep.FeatureNames.Length} features, target '{prep.TargetName}' (load {data.LoadSeconds:0.000} s)"));
        if (prep.Task == TaskKind.Classification)
        {
            var counts = new int[prep.ClassNames.Length];
            foreach (int label in data.Train.Labels!.Concat(data.Validation.Labels!))
                counts[label]++;
            output.WriteLine(Invariant($"task: classification, {prep.ClassNames.Length} classes: {string.Join(", ", prep.ClassNames.Select((name, i) => $"{name} ({counts[i]})"))}"));
        }
        else
        {
            output.WriteLine(Invariant($"task: regression (target mean {prep.TargetMean:G6}, std {prep.TargetScale:G6}; losses are on the standardised target)"));
        }
        output.WriteLine(Invariant($"split: {data.Train.Count} train, {data.Validation.Count} validation ({(prep.Task == TaskKind.Classification ? "stratified, " : "")}seed {options.Seed})"));
    }

    private static string Describe(Sequential<float> model) =>
        model.InputSize + " → " + string.Join(" → ", model.Layers.Select(layer => layer switch
        {
            Dense<float> dense => $"dense {dense.OutputSize}",
            _ => layer.GetType().Name.Split('`')[0].ToLowerInvariant(),
        }));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
