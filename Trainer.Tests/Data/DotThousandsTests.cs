using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>A ';' file of integers with German '.' thousands separators (issue 11, second round) was read as
/// decimals (56.123 for 56123): refused as ambiguous, naming the first such cell.</summary>
public sealed class DotThousandsTests
{
    [Test]
    public void Dots_that_all_look_like_thousands_beside_integers_are_refused_as_ambiguous()
    {
        using var files = new TempCsv();
        var random = new Random(1);
        var text = new StringBuilder("betrag;menge;y\n");
        for (int i = 0; i < 300; i++)
        {
            int amount = i % 10 == 0 ? random.Next(100, 1000) : random.Next(1000, 99999);
            text.Append(CultureInfo.InvariantCulture, $"{amount.ToString("N0", CultureInfo.InvariantCulture).Replace(',', '.')};{random.Next(1, 50)};{(amount > 50000 ? "ja" : "nein")}\n");
        }
        string path = files.Write("f13.csv", text.ToString());
        string first = text.ToString().Split('\n')[2].Split(';')[0];

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:3:1: '{first}' in column 'betrag' is ambiguous: every number with a '.' in it has groups of 3 digits after it, beside integers, as thousands separators write them ({first.Replace(".", "", StringComparison.Ordinal)}); write the numbers without thousands separators, or, if these are decimals, with a decimal comma and --decimal-comma\n"));
        });
    }

    [Test]
    public void Dots_that_all_look_like_thousands_with_no_other_decimals_in_the_file_are_refused_too()
    {
        using var files = new TempCsv();
        string path = files.Write("three.csv", "a;b;c;d;y\n1.234;2.500;3.100;4.000;x\n2.345;1.750;3.200;4.125;z\n1.500;2.250;3.300;4.250;x\n");

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: {path}:2:1: '1.234' in column 'a' is ambiguous: every number with a '.' in it has groups of 3 digits after it, and no number of the file has a '.' otherwise, as thousands separators write them (1234); write the numbers without thousands separators, or, if these are decimals, with a decimal comma and --decimal-comma\n"));
    }

    [Test]
    public void Three_decimals_beside_other_decimals_of_the_file_are_decimals()
    {
        using var files = new TempCsv();
        string path = files.Write("decimals.csv", "a;b;y\n1.234;0.5;x\n2.345;1.25;z\n1.500;2.75;x\n2.500;0.25;z\n");

        var data = NeuralNet.Data.PreparedData.Load(path, null, null, 0, new Random(1));

        Assert.That(data.Preprocessing.Features[0].Mean, Is.EqualTo((1.234 + 2.345 + 1.5 + 2.5) / 4).Within(1e-6));
    }
}
