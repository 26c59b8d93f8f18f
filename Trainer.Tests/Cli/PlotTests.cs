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
}
