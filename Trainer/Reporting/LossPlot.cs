using NeuralNet.Training;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace NeuralNet.Reporting;

/// <summary>The <c>--plot FILE.png</c> chart, drawn with ScottPlot: train and validation loss on the left axis,
/// the validation metric on the right one, over epochs (integer ticks); a line at the best epoch and one at each
/// learning-rate change; the legend under the chart, where it hides no curve; the loss axis optionally in log scale
/// (<c>--plot-log</c>), which keeps a long run's slow decrease visible next to the first epochs' drop.</summary>
public static class LossPlot
{
    public const int Width = 900;
    public const int Height = 540;

    /// <param name="title">The dataset's name, for the title.</param>
    /// <param name="metricName">"accuracy" or "r2", for the right axis and the legend.</param>
    /// <param name="bestEpoch">The epoch to mark, or null.</param>
    /// <param name="logLoss">Draw the loss axis in log scale.</param>
    public static void Save(string path, IReadOnlyList<EpochResult> history, string metricName, string title, int? bestEpoch = null, bool logLoss = false)
    {
        var plot = new Plot();
        double[] epochs = [.. history.Select(e => (double)e.Epoch)];
        // Log scale: ScottPlot draws log10 of the values, with ticks labelled back in loss units.
        double[] Loss(Func<EpochResult, double> value) => [.. history.Select(e => logLoss ? Math.Log10(value(e)) : value(e))];
        // A marker per epoch reads well on a short run and turns a long one into a thick smear.
        float markers = history.Count <= 40 ? 5 : 0;
        var train = plot.Add.Scatter(epochs, Loss(e => e.TrainLoss));
        train.LegendText = "train loss";
        train.MarkerSize = markers;
        if (history.Any(e => e.HasValidation))
        {
            var validation = plot.Add.Scatter(epochs, Loss(e => e.ValidationLoss));
            validation.LegendText = "validation loss";
            validation.MarkerSize = markers;
            var metric = plot.Add.Scatter(epochs, history.Select(e => e.ValidationMetric).ToArray());
            metric.LegendText = $"validation {metricName} (right axis)";
            metric.LinePattern = LinePattern.Dashed;
            metric.MarkerSize = markers;
            metric.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = $"validation {metricName}";
        }
        if (bestEpoch is { } best)
        {
            var line = plot.Add.VerticalLine(best);
            line.LegendText = $"best epoch ({best})";
            line.Color = Colors.Green;
            line.LinePattern = LinePattern.Dotted;
        }
        bool first = true;
        for (int i = 1; i < history.Count; i++)
        {
            if (history[i].LearningRate == history[i - 1].LearningRate || double.IsNaN(history[i].LearningRate))
                continue;
            var change = plot.Add.VerticalLine(history[i].Epoch);
            change.Color = Colors.Gray.WithAlpha(0.6);
            change.LinePattern = LinePattern.Dashed;
            change.LegendText = first ? "learning-rate change" : "";
            first = false;
        }
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        if (logLoss)
        {
            plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        plot.Title($"{title}: training history");
        plot.XLabel("epoch");
        plot.YLabel(logLoss ? "loss (log scale)" : "loss");
        plot.ShowLegend(Edge.Bottom);

        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
