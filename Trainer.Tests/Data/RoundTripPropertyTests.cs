using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>Random well-formed tables, written in each dialect, are read back exactly: dialect, names, numbers, text.</summary>
public sealed class RoundTripPropertyTests
{
#pragma warning disable NUnit1027 // FsCheck supplies the argument, which the NUnit analyzer cannot see.
    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(RandomTables) }, MaxTest = 150)]
    public void Reads_back_a_random_table_exactly(RandomTable table)
#pragma warning restore NUnit1027
    {
        using var files = new TempCsv();
        string path = files.WriteBytes("table.csv", table.ToBytes());

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        string[] names = table.HasHeader
            ? [.. Enumerable.Range(0, table.Features).Select(f => $"h{f}")]
            : [.. Enumerable.Range(1, table.Features).Select(c => $"col{c}")];
        Assert.Multiple(() =>
        {
            Assert.That(raw.Dialect.Delimiter, Is.EqualTo(table.Delimiter));
            Assert.That(raw.Dialect.HasHeader, Is.EqualTo(table.HasHeader));
            Assert.That(raw.Rows, Is.EqualTo(table.Rows));
            Assert.That(raw.FeatureNames, Is.EqualTo(names));
            Assert.That(raw.Targets[0].Texts, Is.EqualTo(table.Targets.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            for (int f = 0; f < table.Features; f++)
            {
                var column = raw.Features[f];
                if (table.Numbers[f] is { } numbers)
                    Assert.That(Enumerable.Range(0, raw.Rows).Select(r => raw.Number(r, column)), Is.EqualTo(numbers), $"column {f}");
                else
                    Assert.That(column.Texts, Is.EqualTo(table.Texts[f]!.Select(t => t.Trim(' ', '\t'))), $"column {f}, trimmed of spaces and tabs");
            }
        });
    }
}
