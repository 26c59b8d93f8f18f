using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>A decimal comma never meets a ',' delimiter, and a '.' in one of its numbers is named, never read as
/// 51 or taken as a category.</summary>
public class DecimalCommaTests
{
    [Test]
    public void DecimalCommaWithASniffedCommaDelimiterIsRefused()
    {
        string iris = RepoPaths.Data("iris.csv");

        var result = CliRun.Train(iris, "--decimal-comma");

        Assert.That(result.Error, Is.EqualTo($"error: {iris}: --decimal-comma, but the file's delimiter is ',' (sniffed): a comma cannot be both the delimiter and the decimal separator; give the file's own delimiter (e.g. --delimiter ';') or leave out --decimal-comma{Environment.NewLine}"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [TestCase("train")]
    [TestCase("predict")]
    public void DecimalCommaWithTheCommaDelimiterGivenIsAUsageError(string verb)
    {
        using var temp = new TempFolder();
        string iris = RepoPaths.Data("iris.csv");
        var result = verb == "train"
            ? CliRun.Train(iris, "--decimal-comma", "--delimiter", ",")
            : CliRun.Of("predict", temp.File("m.json", "{}"), iris, "--decimal-comma", "--delimiter", ",");

        Assert.That(result.Error, Does.StartWith("error: --decimal-comma with --delimiter ',': a comma cannot be both the delimiter and the decimal separator; give the file's own delimiter (e.g. --delimiter ';') or leave out --decimal-comma"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void APointInADecimalCommaFileIsNamed()
    {
        using var temp = new TempFolder();
        string data = temp.File("semi.csv", "a;b;y\n1,5;2.5;x\n2,5;3.5;y\n1,0;2.0;x\n3,0;1.5;y\n1,5;2.5;x\n2,5;3.5;y\n");

        var sniffed = CliRun.Train(data, "--val-split", "0");
        var given = CliRun.Train(data, "--val-split", "0", "--decimal-comma");

        Assert.That(sniffed.Error, Is.EqualTo($"error: {data}:2:2: '2.5' in column 'b' is not a number, as the file has a decimal comma and '.' is not read as a decimal point nor as a thousands separator; fix the file, or pass --categorical b to read the column as text{Environment.NewLine}"));
        Assert.That(sniffed.ExitCode, Is.EqualTo(2));
        Assert.That(given.Error, Is.EqualTo($"error: {data}:2:2: '2.5' in column 'b' is not a number, as the file has a decimal comma and '.' is not read as a decimal point nor as a thousands separator; fix the file, leave out --decimal-comma if its numbers have a decimal point, or pass --categorical b to read the column as text{Environment.NewLine}"));
        Assert.That(given.ExitCode, Is.EqualTo(2));
        Assert.That(CliRun.Train(data, "--val-split", "0", "--categorical", "b").ExitCode, Is.Zero, "--categorical still reads it as text");
    }
}
