using NeuralNet.Reporting;
using SkiaSharp;

namespace NeuralNet.Tests.Cli;

public class PlotTests
{
    [Test]
    public void PlotWritesAValidPng()
    {
        using var temp = new TempFolder();
        string png = temp.File("plots/loss.png");

        var result = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "3", "--plot", png, "--save", temp.File("m.json"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain($"plot saved to {png}"));
        byte[] bytes = File.ReadAllBytes(png);
        Assert.That(bytes[..8], Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        using var image = SKBitmap.Decode(bytes);
        Assert.That(image, Is.Not.Null, "the PNG decodes");
        Assert.That((image.Width, image.Height), Is.EqualTo((LossPlot.Width, LossPlot.Height)));
        // Not blank: a plot has many colours (curves, text), a failed render one or two.
        var colours = new HashSet<uint>();
        for (int y = 0; y < image.Height; y += 3)
            for (int x = 0; x < image.Width; x += 3)
                colours.Add((uint)image.GetPixel(x, y));
        Assert.That(colours, Has.Count.GreaterThan(10));
    }

    [Test]
    public void ThePlotMarksTheBestEpochAndTheLearningRateChangesAndHasALogOption()
    {
        using var temp = new TempFolder();
        string linear = temp.File("linear.png"), log = temp.File("log.png"), plain = temp.File("plain.png");
        string[] run = [RepoPaths.Data("iris.csv"), "--epochs", "6", "--ensemble", "1", "--save", temp.File("m.json")];

        Assert.That(CliRun.Of([.. run, "--plot", linear, "--lr-schedule", "step", "--lr-step-epochs", "2"]).ExitCode, Is.Zero);
        Assert.That(CliRun.Of([.. run, "--plot", log, "--plot-log", "--lr-schedule", "step", "--lr-step-epochs", "2"]).ExitCode, Is.Zero);
        Assert.That(CliRun.Of([.. run, "--plot", plain]).ExitCode, Is.Zero);

        // The best-epoch line is drawn in pure green (ScottPlot's Colors.Green, #008000), which nothing else uses.
        Assert.That(Count(linear, c => c.Red == 0 && c.Green == 128 && c.Blue == 0), Is.GreaterThan(100));
        // The learning-rate lines are grey: a plot without a schedule has fewer grey pixels.
        static bool Grey(SKColor c) => c.Red == c.Green && c.Green == c.Blue && c.Red is > 120 and < 200;
        Assert.That(Count(linear, Grey), Is.GreaterThan(Count(plain, Grey) + 100));
        Assert.That(File.ReadAllBytes(log), Is.Not.EqualTo(File.ReadAllBytes(linear)), "--plot-log draws another loss axis");
    }

    private static int Count(string png, Func<SKColor, bool> match)
    {
        using var image = SKBitmap.Decode(png);
        int count = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                count += match(image.GetPixel(x, y)) ? 1 : 0;
        return count;
    }
}
