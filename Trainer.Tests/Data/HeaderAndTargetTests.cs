using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>The review's header and target misreads (issue 11, second round): a header read as data, data read
/// as a header, the wrong default target, and an error that named the header instead of the bad cell.</summary>
public sealed class HeaderAndTargetTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private static string Lines(int count, Func<int, Random, string> row)
    {
        var random = new Random(1);
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
            text.Append(row(i, random)).Append('\n');
        return text.ToString();
    }

    [Test]
    public void Label_comes_before_y_as_the_default_target()
    {
        string path = _files.Write("f10.csv", "label,x,y\n" + Lines(200, (_, r) => FormattableString.Invariant($"{(r.Next(2) == 0 ? "yes" : "no")},{r.NextDouble():F3},{r.NextDouble():F3}")));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("data:"), Does.Contain("200 rows, 2 features; target 'label' ("));
        });
    }
}
