using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Column names that print alike but are different texts are refused, naming both columns and their
/// code points: read as two, --target and predict could pick either; read as one, a value would change column.</summary>
public sealed class LookAlikeNameTests
{
    [TestCase("a,\u0430,y", "column 1 'a' and column 2 '\u0430' (U+0430)", 2)] // Latin a, Cyrillic а
    [TestCase("caf\u00e9,cafe\u0301,y", "column 1 'caf\u00e9' (U+00E9) and column 2 'cafe\u0301' (U+0301)", 2)] // NFC, NFD
    [TestCase("x,a b,a\u00a0b,y", "column 2 'a b' and column 3 'a\u00a0b' (U+00A0)", 3)] // no-break space
    [TestCase("id,\u200bid,y", "column 1 'id' and column 2 '\u200bid' (U+200B)", 2)] // zero-width space
    [TestCase("\u039fpen,Open,y", "column 1 '\u039fpen' (U+039F) and column 2 'Open'", 2)] // Greek capital omicron
    public void NamesThatPrintAlikeAreRefusedNamingBoth(string header, string columns, int at)
    {
        using var temp = new TempFolder();
        string path = temp.File("t.csv", header + "\n" + string.Concat(Enumerable.Range(0, 8).Select(i => string.Join(',', header.Split(',').Select((_, c) => c == header.Split(',').Length - 1 ? (i % 2 == 0 ? "x" : "z") : $"{i + c}")) + "\n")));

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Error, Is.EqualTo($"error: {path}:1:{at}: the header names {columns}, which print alike but differ in Unicode look-alike characters or normalisation; expected column names that differ visibly: rename one" + Environment.NewLine));
    }

    [TestCase("caf\u00e9", "cafe")]
    [TestCase("\u0430", "b")]
    [TestCase("\u0434", "d")] // Cyrillic д does not look like d
    public void NamesThatLookDifferentStayApart(string one, string other) =>
        Assert.That(LookAlikeNames.Key(one), Is.Not.EqualTo(LookAlikeNames.Key(other)));
}
