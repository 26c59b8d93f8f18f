using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Labels split in two (issue 11, second round): numeric labels are compared by value, and a no-break
/// space around a text label is trimmed.</summary>
public sealed class LabelTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private string Write(string name, Func<int, bool, string> label)
    {
        var random = new Random(1);
        var text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++)
        {
            double a = random.NextDouble() * 10, b = random.NextDouble() * 10;
            text.Append(CultureInfo.InvariantCulture, $"{a:F3},{b:F3},{label(i, a > b)}\n");
        }
        return _files.Write(name, text.ToString());
    }

    [Test]
    public void Numeric_labels_written_1_and_1_0_are_one_class()
    {
        string path = Write("f11.csv", (i, positive) => (positive ? "1" : "0") + (i % 2 == 1 ? ".0" : ""));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("task:"), Does.Match(@"^task: classification, 2 classes: 0 \(\d+\), 1 \(\d+\)$"));
        });
    }

    [Test]
    public void A_no_break_space_after_a_label_is_trimmed()
    {
        string path = Write("f12b.csv", (i, positive) => (positive ? "yes" : "no") + (i % 3 == 0 ? "\u00A0" : ""));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("task:"), Does.Match(@"^task: classification, 2 classes: no \(\d+\), yes \(\d+\)$"));
        });
    }
}
