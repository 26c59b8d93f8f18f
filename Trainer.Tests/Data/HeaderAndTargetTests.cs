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

    [Test]
    public void An_all_text_header_whose_target_name_recurs_as_a_label_is_a_header()
    {
        string[] colours = ["red", "blue", "green"];
        string path = _files.Write("f7.csv", "colour,size,y\n" + Lines(200, (_, r) => $"{colours[r.Next(3)]},{"SML"[r.Next(3)]},{"yn"[r.Next(2)]}"));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("csv:"), Does.StartWith("csv: delimiter ',' (sniffed), header yes (sniffed)"));
            Assert.That(run.Line("task:"), Does.StartWith("task: classification, 2 classes: n ("));
        });
    }

    [Test]
    public void A_pandas_header_of_column_numbers_over_fractions_is_a_header()
    {
        string path = _files.Write("f8.csv", "0,1,2,3\n" + Lines(200, (i, r) => FormattableString.Invariant($"{r.NextDouble():F3},{r.NextDouble():F3},{r.NextDouble():F3},{i % 2}")));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("csv:"), Does.StartWith("csv: delimiter ',' (sniffed), header yes (sniffed)"));
            Assert.That(run.Line("task:"), Does.StartWith("task: classification, 2 classes: 0 (100), 1 (100)"));
        });
    }

    [Test]
    public void A_headerless_first_row_with_numbers_over_numbers_is_data()
    {
        string path = _files.Write("f9.csv", Lines(200, (i, r) => FormattableString.Invariant($"name{i},{r.NextDouble() * 10:F3},{r.NextDouble() * 1000:F2}")));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("csv:"), Does.StartWith("csv: delimiter ',' (sniffed), header no (columns named col1, col2, ...) (sniffed)"));
            Assert.That(run.Line("data:"), Does.StartWith($"data: {path}: 200 rows"));
        });
    }

    [Test]
    public void A_stray_text_below_a_header_whose_target_name_recurs_is_named_at_its_line()
    {
        string path = _files.Write("f15.csv", "age,size,y\n" + Lines(200, (i, r) => $"{(i == 50 ? "oops" : (18 + r.Next(60)).ToString(CultureInfo.InvariantCulture))},{"SML"[r.Next(3)]},{"yn"[r.Next(2)]}"));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:52:1: 'oops' in column 'age' is not a number (199 of 200 cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical age\n"));
        });
    }
}
