using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>The scan for missing values runs over every row of a file before training: what it allocates stays
/// resident until a collection, so it must not grow with the rows beyond its one flag per row.</summary>
public sealed class MissingValueScanTests
{
    [Test]
    public void Allocates_one_flag_per_row_and_nothing_else_per_row()
    {
        const int rows = 20_000;
        var raw = Table(rows, missingAt: 7);
        RawColumn[] columns = [.. raw.Features, .. raw.Targets];
        MissingValueScan.Of(raw, columns); // compiled before it is measured

        long before = GC.GetAllocatedBytesForCurrentThread();
        var scan = MissingValueScan.Of(raw, columns);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(scan.Count, Is.EqualTo(1));
            Assert.That(scan.FirstRow, Is.EqualTo(7));
            Assert.That(scan.FirstColumn!.Name, Is.EqualTo("colour"));
            // The bool per row (20 kB) and a few small objects; a delegate per row was 64 B × 20,000 = 1.3 MB.
            Assert.That(allocated, Is.LessThan(rows + 8_192));
        });
    }

    /// <summary>Two numeric columns and a text feature (missing in row <paramref name="missingAt"/> only) and a text target.</summary>
    private static RawData Table(int rows, int missingAt)
    {
        var numbers = Enumerable.Range(0, rows * 2).Select(i => (float)i).ToArray();
        var colours = Enumerable.Range(0, rows).Select(r => r == missingAt ? null : r % 2 == 0 ? "red" : "blue").ToArray();
        var labels = Enumerable.Range(0, rows).Select(r => (r % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new RawData("t.csv", new CsvDialect(',', true, false), rows, [.. Enumerable.Range(2, rows)], numbers, 2,
            [new RawColumn("a", 0, ColumnKind.Numeric, 0, null), new RawColumn("b", 1, ColumnKind.Numeric, 1, null), new RawColumn("colour", 2, ColumnKind.Text, -1, colours)],
            [new RawColumn("y", 3, ColumnKind.Text, -1, labels)], [], new DialectChoice(true, true, true), "utf-8", []);
    }
}
