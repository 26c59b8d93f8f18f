using System.Globalization;
using System.Text;

namespace NeuralNet.Reporting;

/// <summary>
/// Draws loss curves as plain ASCII, at most <see cref="Width"/> columns wide, so the chart reads the same in an
/// 80-column terminal and in a log file (no colours, no box-drawing characters). A series with no finite value
/// (validation without a validation split) is left out. The best epoch is marked '^' on the epoch axis. When the
/// first epoch's loss stands far above the rest (as it does on most runs), the vertical axis is fitted to epochs 2
/// onwards, so the curve of a long run is not squashed into the bottom rows; a note gives the value left above.
/// </summary>
public static class LossChart
{
    public const int Width = 78;
    public const int Height = 14;
    private const int AxisWidth = 10; // "  0.1234 |"

    /// <summary>The chart of one or two series over epochs 1..n; NaN points are skipped.</summary>
    /// <param name="bestEpoch">The epoch to mark on the axis, or null.</param>
    public static string Draw(IReadOnlyList<(string Name, char Mark, IReadOnlyList<double> Values)> series, int? bestEpoch = null)
    {
        series = [.. series.Where(s => s.Values.Any(double.IsFinite))];
        int epochs = series.Select(s => s.Values.Count).DefaultIfEmpty(0).Max();
        var finite = series.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        var text = new StringBuilder();
        string both = series.Count > 1 ? "   # both" : "";
        string best = bestEpoch is { } b && b >= 1 && b <= epochs ? Invariant($"   ^ best epoch ({b})") : "";
        text.AppendLine("loss   " + string.Join("   ", series.Select(s => $"{s.Mark} {s.Name}")) + both + best);
        if (epochs == 0 || finite.Length == 0)
            return text.AppendLine("(no finite values to draw)").ToString();

        double low = finite.Min(), high = finite.Max();
        string? clipped = null;
        var rest = series.SelectMany(s => s.Values.Skip(1)).Where(double.IsFinite).ToArray();
        if (epochs >= 10 && rest.Length > 0) // a short run shows its few epochs as they are
        {
            double restHigh = rest.Max(), restLow = rest.Min();
            double first = series.Select(s => s.Values[0]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
            // "Far above": more than the whole range of the other epochs above their top.
            if (first > restHigh + (restHigh - restLow) && restHigh > restLow)
            {
                (low, high) = (restLow, restHigh);
                clipped = Invariant($"(epoch 1, {Format(first)}, is above the top: the axis is fitted to epochs 2-{epochs})");
            }
        }
        if (high - low < 1e-12)
            (low, high) = (low - 0.5, high + 0.5);
        int plotWidth = Width - AxisWidth;
        var grid = new char[Height, plotWidth];
        for (int r = 0; r < Height; r++)
            for (int c = 0; c < plotWidth; c++)
                grid[r, c] = ' ';

        foreach (var (_, mark, values) in series)
        {
            for (int c = 0; c < plotWidth; c++)
            {
                double value = Sample(values, c, plotWidth, epochs);
                if (!double.IsFinite(value))
                    continue;
                int row = Math.Max(0, (int)Math.Round((high - value) / (high - low) * (Height - 1))); // clipped to the top
                grid[row, c] = grid[row, c] == ' ' || grid[row, c] == mark ? mark : '#';
            }
        }

        for (int r = 0; r < Height; r++)
        {
            string label = r == 0 || r == Height - 1 || r == Height / 2
                ? Format(high - (high - low) * r / (Height - 1)).PadLeft(AxisWidth - 2)
                : new string(' ', AxisWidth - 2);
            text.Append(label).Append(" |");
            var line = new StringBuilder(plotWidth);
            for (int c = 0; c < plotWidth; c++)
                line.Append(grid[r, c]);
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        var axis = new string('-', plotWidth).ToCharArray();
        if (best.Length > 0)
            axis[Column(bestEpoch!.Value, plotWidth, epochs)] = '^';
        text.Append(new string(' ', AxisWidth - 2)).Append(" +").Append(axis).Append('\n');
        string last = epochs.ToString(CultureInfo.InvariantCulture);
        text.Append(new string(' ', AxisWidth)).Append('1').Append(' ', Math.Max(1, plotWidth - 1 - last.Length)).Append(last).Append('\n');
        text.Append(new string(' ', AxisWidth)).Append("epoch").Append('\n');
        if (clipped is not null)
            text.Append(clipped).Append('\n');
        return text.ToString();
    }

    // The column whose sample is nearest to the epoch (the inverse of Sample's spreading).
    private static int Column(int epoch, int columns, int epochs) =>
        epochs == 1 ? 0 : (int)Math.Round((double)(epoch - 1) / (epochs - 1) * (columns - 1));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    // The value under column c: epochs are spread over the width and linearly interpolated between them, so a
    // short run still draws a continuous curve and a long one is sampled evenly.
    private static double Sample(IReadOnlyList<double> values, int column, int columns, int epochs)
    {
        if (values.Count == 0)
            return double.NaN;
        double position = epochs == 1 ? 0 : (double)column / (columns - 1) * (epochs - 1);
        int left = (int)Math.Floor(position);
        if (left >= values.Count)
            return double.NaN;
        int right = Math.Min(left + 1, values.Count - 1);
        double fraction = position - left;
        return values[left] + (values[right] - values[left]) * fraction;
    }

    private static string Format(double value) =>
        Math.Abs(value) is >= 1e4 or (< 1e-3 and > 0)
            ? value.ToString("0.00e+00", CultureInfo.InvariantCulture)
            : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
