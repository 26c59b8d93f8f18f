using System.Text;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Malformed quoting that was read as a number (issue 11, second round): text after a closing quote is an
/// error naming the cell, in the first rows and past them.</summary>
public sealed class QuotingTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    [TestCase("\"-\"1.5")]
    [TestCase("\"1.5\"7")]
    public void Text_after_a_closing_quote_is_an_error_naming_the_cell(string token)
    {
        var lines = File.ReadAllLines(RepoPaths.Data("iris.csv"));
        var fields = lines[100].Split(',');
        fields[1] = token;
        lines[100] = string.Join(',', fields);
        string path = _files.Write("f16.csv", string.Join('\n', lines) + "\n");

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:101:2: the field '{token}' has text after its closing quote; expected the quotes around the whole field, or none\n"));
        });
    }

    [Test]
    public void Text_after_a_closing_quote_past_the_first_rows_is_an_error_naming_the_cell()
    {
        var text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 1500; i++)
            text.Append(i == 1300 ? "\"1.5\"7" : $"{i % 10}.5").Append(',').Append(i % 7).Append(',').Append(i % 2 == 0 ? "x" : "z").Append('\n');
        string path = _files.Write("late.csv", text.ToString());

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:1302:1: the field '\"1.5\"7' has text after its closing quote; expected the quotes around the whole field, or none\n"));
        });
    }
}
