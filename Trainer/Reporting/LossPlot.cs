using NeuralNet.Training;
using ScottPlot;

namespace NeuralNet.Reporting;

/// <summary>The <c>--plot FILE.png</c> chart, drawn with ScottPlot: train and validation loss on the left axis,
/// the validation metric on the right one, over epochs.</summary>
public static class LossPlot
{
    public const int Width = 900;
    public const int Height = 540;

    /// <param name="metricName">"accuracy" or "r2", for the right axis and the legend.</param>
    public static void Save(string path, IReadOnlyList<EpochResult> history, string metricName)
    {
        var plot = new Plot();
        double[] epochs = [.. history.Select(e => (double)e.Epoch)];
        var train = plot.Add.Scatter(epochs, history.Select(e => e.TrainLoss).ToArray());
        train.LegendText = "train loss";
        if (history.Any(e => double.IsFinite(e.ValidationLoss)))
        {
            var validation = plot.Add.Scatter(epochs, history.Select(e => e.ValidationLoss).ToArray());
            validation.LegendText = "validation loss";
            var metric = plot.Add.Scatter(epochs, history.Select(e => e.ValidationMetric).ToArray());
            metric.LegendText = $"validation {metricName} (right axis)";
            metric.LinePattern = LinePattern.Dashed;
            metric.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = $"validation {metricName}";
        }
        plot.Title("Training history");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperCenter);

        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
