using System.Globalization;
using System.Text;

namespace NeuralNet.Reporting;

/// <summary>
/// Draws loss curves as plain ASCII, at most <see cref="Width"/> columns wide, so the chart reads the same in an
/// 80-column terminal and in a log file (no colours, no box-drawing characters).
/// </summary>
public static class LossChart
{
    public const int Width = 78;
    public const int Height = 14;
    private const int AxisWidth = 10; // "  0.1234 |"

    /// <summary>The chart of one or two series over epochs 1..n; NaN points are skipped.</summary>
    public static string Draw(IReadOnlyList<(string Name, char Mark, IReadOnlyList<double> Values)> series)
    {
        int epochs = series.Max(s => s.Values.Count);
        var finite = series.SelectMany(s => s.Values).Where(double.IsFinite).ToArray();
        var text = new StringBuilder();
        text.AppendLine("loss   " + string.Join("   ", series.Select(s => $"{s.Mark} {s.Name}")) + "   # both");
        if (epochs == 0 || finite.Length == 0)
            return text.AppendLine("(no finite values to draw)").ToString();

        double low = finite.Min(), high = finite.Max();
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
                int row = (int)Math.Round((high - value) / (high - low) * (Height - 1));
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
        text.Append(new string(' ', AxisWidth - 2)).Append(" +").Append('-', plotWidth).Append('\n');
        string last = epochs.ToString(CultureInfo.InvariantCulture);
        text.Append(new string(' ', AxisWidth)).Append('1').Append(' ', Math.Max(1, plotWidth - 1 - last.Length)).Append(last).Append('\n');
        text.Append(new string(' ', AxisWidth)).Append("epoch").Append('\n');
        return text.ToString();
    }

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
