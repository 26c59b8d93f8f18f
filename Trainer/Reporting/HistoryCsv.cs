using System.Globalization;
using System.Text;
using NeuralNet.Training;

namespace NeuralNet.Reporting;

public static class HistoryCsv
{
    public const string Header = "epoch,train_loss,val_loss,val_metric,seconds,lr";

    /// <summary>The <c>--history</c> file: one row per epoch, numbers in round-trip form; lr is the rate the
    /// optimizer used, a float (0.01, not the double 0.009999999776482582 it widens to).</summary>
    public static string Format(IEnumerable<EpochResult> epochs)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var e in epochs)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{e.Epoch},{e.TrainLoss:R},{e.ValidationLoss:R},{e.ValidationMetric:R},{e.Seconds:R},{(float)e.LearningRate:R}\n");
        }
        return text.ToString();
    }
}
