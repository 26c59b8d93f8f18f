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

        var data = PreparedData.Load(options.DataPath, options.Targets, options.Task, options.ValidationSplit, splitRandom, options.TestPath, options.Data);
        var prep = data.Preprocessing;
        bool classification = prep.Task == TaskKind.Classification;
        foreach (string line in DataSummary.Lines(options, data))
            output.WriteLine(line);

        var model = Mlp.Build<float>(prep.InputCount, options.Hidden, prep.OutputCount, initRandom);
        ILoss<float> loss = classification ? new SoftmaxCrossEntropy<float>(prep.OutputCount) : new MeanSquaredError<float>(prep.OutputCount);
        var optimizer = new Sgd<float>((float)options.LearningRate, (float)options.Momentum, (float)options.WeightDecay, options.Nesterov);
        var loop = new TrainingLoop(model, loss, optimizer, options.BatchSize, shuffleRandom);
        output.WriteLine(Invariant($"model: {Describe(model)}  ({model.Parameters.Sum(p => p.Values.Length):N0} parameters)"));
        output.WriteLine(Invariant($"optimizer: SGD lr {options.LearningRate}, momentum {options.Momentum}{(options.Nesterov ? " (Nesterov)" : "")}, weight decay {options.WeightDecay}; batch {options.BatchSize}; {options.Epochs} epochs"));

        string metric = classification ? "acc" : "r2";
        var history = new List<EpochResult>();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var result = loop.RunEpoch(epoch, data.Train, data.Validation);
            history.Add(result);
            output.WriteLine(FormatEpoch(result, options.Epochs, metric));
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

    public static string FormatEpoch(EpochResult e, int epochs, string metric)
    {
        int width = epochs.ToString(CultureInfo.InvariantCulture).Length;
        string epoch = e.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width);
        return Invariant($"epoch {epoch}/{epochs}  train_loss {e.TrainLoss:0.0000}  val_loss {e.ValidationLoss:0.0000}  val_{metric} {e.ValidationMetric:0.0000}  {e.Seconds,7:0.000} s  {e.SamplesPerSecond,10:N0} samples/s");
    }

    private static string Describe(Sequential<float> model) =>
        model.InputSize + " → " + string.Join(" → ", model.Layers.Select(layer => layer switch
        {
            Dense<float> dense => $"dense {dense.OutputSize}",
            _ => layer.GetType().Name.Split('`')[0].ToLowerInvariant(),
        }));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
