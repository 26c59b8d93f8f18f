using System.Globalization;
using System.Text;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>A file read in parts, one reader per worker, is read as one reader reads it: the same rows, lines, cells
/// and texts, and the same first error, wherever the parts split it (quoted line breaks, stray quotes, empty lines,
/// CR LF).</summary>
[NonParallelizable] // lowers FileChunks.MinBytesPerChunk, which every read in the process sees
public sealed class ChunkedReadTests
{
    private long _minBytes;

    [SetUp]
    public void SmallParts()
    {
        _minBytes = FileChunks.MinBytesPerChunk;
        FileChunks.MinBytesPerChunk = 64;
    }

    [TearDown]
    public void RestoreParts() => FileChunks.MinBytesPerChunk = _minBytes;

    [TestCase("\n", false, false)]
    [TestCase("\r\n", false, false)]
    [TestCase("\n", true, false)]
    [TestCase("\r\n", true, true)]
    [TestCase("\n", false, true)]
    public void Parts_read_what_one_reader_reads(string newline, bool quotedBreaks, bool emptyLines)
    {
        using var files = new TempCsv();
        string path = files.Write("t.csv", Table(newline, quotedBreaks, emptyLines, strayQuoteAt: -1, badCellAt: -1));

        var whole = Load(path, workers: 1);
        Assert.That(FileChunks.Plan(path, 3, true), Is.Not.Null.And.Length.EqualTo(3), "the file is split");
        var parts = Load(path, workers: 3);

        Assert.Multiple(() =>
        {
            Assert.That(parts.Rows, Is.EqualTo(whole.Rows).And.EqualTo(400));
            Assert.That(parts.Lines, Is.EqualTo(whole.Lines));
            Assert.That(parts.Numbers.AsSpan(0, parts.Rows * parts.NumericCount).ToArray(), Is.EqualTo(whole.Numbers.AsSpan(0, whole.Rows * whole.NumericCount).ToArray()));
            Assert.That(parts.Features[1].Texts, Is.EqualTo(whole.Features[1].Texts));
            Assert.That(parts.Targets[0].Texts, Is.EqualTo(whole.Targets[0].Texts));
        });
    }

    [Test]
    public void A_stray_quote_that_misleads_the_split_reads_the_file_whole()
    {
        using var files = new TempCsv();
        string path = files.Write("t.csv", Table("\n", quotedBreaks: true, emptyLines: false, strayQuoteAt: 4, badCellAt: -1));

        var whole = Load(path, workers: 1);
        var parts = Load(path, workers: 3);

        Assert.Multiple(() =>
        {
            Assert.That(parts.Rows, Is.EqualTo(whole.Rows));
            Assert.That(parts.Lines, Is.EqualTo(whole.Lines));
            Assert.That(parts.Features[1].Texts, Is.EqualTo(whole.Features[1].Texts));
        });
    }

    [TestCase(20)]
    [TestCase(150)]
    public void The_first_error_in_file_order_is_reported(int badRow)
    {
        using var files = new TempCsv();
        // A cell that is not finite in this row, and another in the last part.
        string path = files.Write("t.csv", Table("\n", quotedBreaks: true, emptyLines: true, strayQuoteAt: -1, badCellAt: badRow));

        var whole = Assert.Throws<InputException>(() => Load(path, workers: 1));
        var parts = Assert.Throws<InputException>(() => Load(path, workers: 3));

        Assert.That(parts!.Message, Is.EqualTo(whole!.Message).And.Contains($"'{badRow * 1000}e99'"));
    }

    private static RawData Load(string path, int workers) => CsvLoader.Load(path, ["y"], DataOptions.Default with { Workers = workers });

    /// <summary>400 rows: a number, a text (with a quoted line break in some rows), another number, a 0/1 target.</summary>
    private static string Table(string newline, bool quotedBreaks, bool emptyLines, int strayQuoteAt, int badCellAt)
    {
        var text = new StringBuilder($"a,note,b,y{newline}");
        for (int r = 0; r < 400; r++)
        {
            string note = quotedBreaks && r % 7 == 3 ? $"\"line one{newline}line \"\"two\"\"\"" : r == strayQuoteAt ? "5\" long" : $"n{r % 4}";
            string a = r == badCellAt || (badCellAt >= 0 && r == 395) ? $"{r * 1000}e99" : (r * 0.25).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{a},{note},{r % 9 - 4},{r % 2}{newline}");
            if (emptyLines && r % 50 == 10)
                text.Append(newline);
        }
        return text.ToString();
    }
}
