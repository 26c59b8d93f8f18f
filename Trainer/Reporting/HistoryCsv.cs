using System.Globalization;
using System.Text;
using NeuralNet.Training;

namespace NeuralNet.Reporting;

public static class HistoryCsv
{
    public const string Header = "epoch,train_loss,val_loss,val_metric,seconds";

    /// <summary>The <c>--history</c> file: one row per epoch, numbers in round-trip form.</summary>
    public static string Format(IEnumerable<EpochResult> epochs)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var e in epochs)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{e.Epoch},{e.TrainLoss:R},{e.ValidationLoss:R},{e.ValidationMetric:R},{e.Seconds:R}\n");
        }
        return text.ToString();
    }
}
