using NeuralNet.Cli;
using NeuralNet.Data;

namespace NeuralNet.Tests.Cli;

/// <summary>The summary's column table of a wide file: consecutive columns of one type share a line.</summary>
public sealed class ColumnTableTests
{
    [Test]
    public void A_wide_file_is_one_line_and_its_grouping_allocates_in_proportion_to_the_columns()
    {
        const int columns = 2_000;
        var features = Enumerable.Range(1, columns).Select(i => new FeatureEncoding($"pixel{i}", false, i / 10f, 1, null, [], null)).ToArray();
        var prep = new Preprocessing(TaskKind.Classification, new CsvDialect(',', true, false), features, [], ["label"], ["0", "1"], [], [], MissingValuePolicy.Error);
        var missing = new Dictionary<string, int>();
        ColumnTable.Lines(prep, missing).ToList(); // compiled before it is measured

        long before = GC.GetAllocatedBytesForCurrentThread();
        var lines = ColumnTable.Lines(prep, missing).ToList();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Count.EqualTo(2));
            Assert.That(lines[1], Does.Match(@"^\s+pixel1\.\.pixel2000 \(2000\)\s+numeric\s+0\s+mean 0\.1 to 200$"));
            // About 200 bytes a column; a group widened by copying its features into a longer array per column
            // allocated 8 B × 2,000² / 2 = 16 MB.
            Assert.That(allocated, Is.LessThan(columns * 1_000));
        });
    }
}
