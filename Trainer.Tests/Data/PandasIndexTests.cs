using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>pandas' <c>df.to_csv()</c> writes its index under an empty header cell (issue 11, second round): it is
/// dropped as ID-like, not kept as a feature 'col1'.</summary>
public sealed class PandasIndexTests
{
    [Test]
    public void Row_numbers_under_an_empty_header_cell_are_dropped_as_an_index()
    {
        using var files = new TempCsv();
        var random = new Random(1);
        var text = new StringBuilder(",a,b,y\n");
        for (int i = 0; i < 300; i++)
        {
            double a = random.NextDouble() * 10, b = random.NextDouble() * 10;
            text.Append(CultureInfo.InvariantCulture, $"{i},{a:F3},{b:F3},{(a > b ? "yes" : "no")}\n");
        }
        string path = files.Write("f14.csv", text.ToString());

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Output, Does.Contain("col1: ID-like: row numbers under an empty header (pandas' saved index)"));
            Assert.That(run.Line("data:"), Does.Contain("300 rows, 2 features;"));
        });
    }
}
