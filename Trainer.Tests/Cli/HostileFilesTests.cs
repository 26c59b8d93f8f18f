namespace NeuralNet.Tests.Cli;

/// <summary>
/// Hostile files found after issue 22's first pass: integers past 2^53 that read as one number, R's write.table with
/// another separator than a space (its header one name short for the row names), and a --save that is a loop of
/// symbolic links. Each is exit 0 with a true reading or exit 2 with one line naming the problem.
/// </summary>
public class HostileFilesTests
{
    [Test]
    public void NineteenDigitIntegersThatReadAsOneNumberAreNotCalledConstantWithoutSayingWhy()
    {
        using var temp = new TempFolder();
        var rows = Enumerable.Range(0, 60).Select(i => $"{9223372036854775000L + i * 3},{i % 7 * 0.1:0.0},{i % 2}");
        string file = temp.File("keys.csv", "k,x,y\n" + string.Join("\n", rows) + "\n");

        var run = CliRun.Train(file, "--ensemble", "1");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Line("dropped: k:"), Is.EqualTo(
            "dropped: k: constant as numbers: every value reads as 9.223372036854775E+18, past the 2^53 up to which a number holds every integer (the cells may differ in their last digits, as 19-digit IDs do); --categorical k reads them as text"));
    }

    [Test]
    public void AConstantColumnOfOrdinaryNumbersKeepsItsPlainReason()
    {
        using var temp = new TempFolder();
        var rows = Enumerable.Range(0, 60).Select(i => $"7,{i % 7 * 0.1:0.0},{i % 2}");
        string file = temp.File("seven.csv", "k,x,y\n" + string.Join("\n", rows) + "\n");

        var run = CliRun.Train(file, "--ensemble", "1");

        Assert.That(run.Line("dropped: k:"), Is.EqualTo("dropped: k: constant: every value is 7"));
    }

    [TestCase("\t", "x\ty\n", "tab")] // write.table(sep = "\t"): the header one name short
    [TestCase(",", "\"x\",\"y\"\n", "','")]
    [TestCase(",", "\uFEFF\"\",\"x\",\"y\"\n", "','")] // write.csv: an empty header cell, and a byte order mark
    [TestCase("\t", "\"\"\tx\ty\n", "tab")]
    public void RsRowNamesWithADelimiterAreReadAsAnIdCopiedByPredict(string separator, string header, string name)
    {
        using var temp = new TempFolder();
        var rows = Enumerable.Range(1, 30).Select(i => string.Join(separator, $"\"{i}\"", $"{i % 5 * 0.3:0.0}", $"{i % 2}"));
        string file = temp.File("r.txt", header + string.Join("\n", rows) + "\n");
        string model = temp.File("m.json");

        var run = CliRun.Train(file, "--save", model);
        var predicted = CliRun.Of("predict", model, file);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Line("csv: "), Does.StartWith($"csv: delimiter {name} (sniffed), R's row names read as column 'row.names' (an ID), header yes (sniffed)"));
        Assert.That(run.Line("dropped: "), Is.EqualTo("dropped: row.names: ID-like: increasing integers in a column named like an ID"));
        Assert.That(run.Line("data: "), Does.Contain("30 rows, 1 features; target 'y'").Or.Contain("30 rows, 1 feature; target 'y'"));
        Assert.That(predicted.ExitCode, Is.Zero, predicted.ToString());
        Assert.That(predicted.Output.Split('\n')[0], Does.StartWith("row.names,y,"));
        Assert.That(predicted.Output.Split('\n')[30], Does.StartWith("30,"));
    }

    [TestCase("\t")]
    [TestCase(",")]
    public void AShortHeaderOverAFirstColumnWithRepeatsNamesTheFix(string separator)
    {
        using var temp = new TempFolder();
        var rows = Enumerable.Range(1, 30).Select(i => string.Join(separator, $"{i % 3}", $"{i % 5 * 0.3:0.0}", $"{i % 2}"));
        string file = temp.File("r.txt", $"x{separator}y\n" + string.Join("\n", rows) + "\n");

        var run = CliRun.Train(file);

        Assert.That(run.Error, Is.EqualTo($"error: {file}:2:3: this row has 3 fields, but the first row has 2; expected every row to have 2 (is a delimiter or a quote missing or extra?); "
            + "a header one name short is how R's write.table writes row names: write the file with row.names = FALSE, or col.names = NA (a header cell for them)\n"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
    }

    [TestCase(",", "','")]
    [TestCase("\t", "tab")]
    public void RowsEndingWithADelimiterTheHeaderLacksNameTheTrailingDelimiter(string separator, string name)
    {
        using var temp = new TempFolder();
        var rows = Enumerable.Range(1, 30).Select(i => string.Join(separator, $"{i * 0.37:0.00}", $"{i % 5 * 0.3:0.0}", $"{i % 2}", ""));
        string file = temp.File("t.csv", $"a{separator}b{separator}y\n" + string.Join("\n", rows) + "\n");

        var run = CliRun.Train(file);

        Assert.That(run.Error, Is.EqualTo($"error: {file}:2:4: this row has 4 fields, but the first row has 3; expected every row to have 3 (is a delimiter or a quote missing or extra?); "
            + $"it ends with a trailing {name}, an empty last field, that the header row does not end with: remove the trailing delimiters, or end the header with one too\n"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
    }

    [TestCase("median")]
    [TestCase("error")]
    public void LinesThatAllEndWithADelimiterAreReadWithALineNamingIt(string missing)
    {
        using var temp = new TempFolder();
        var rows = Enumerable.Range(1, 30).Select(i => $"{i * 0.37:0.00},{i % 5 * 0.3:0.0},{i % 2},");
        string file = temp.File("t.csv", "a,b,y,\n" + string.Join("\n", rows) + "\n");

        var run = CliRun.Train(file, "--missing", missing);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Line("dropped: "), Is.EqualTo("dropped: col4: empty: every line ends with a trailing ',', read as this empty last column"));
        Assert.That(run.Line("data: "), Does.Contain("30 rows, 2 features; target 'y'"));
    }

    [Test]
    public void ASaveThatIsALoopOfSymbolicLinksIsRefusedNotReplaced()
    {
        using var temp = new TempFolder();
        string a = temp.File("a.model.json"), b = temp.File("b.model.json");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", a);

        Assert.That(run.Error, Is.EqualTo($"error: --save {a}: a symbolic link that cannot be followed (it leads back to itself, through {b}); expected a file name, or a link to one\n"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(new FileInfo(a).LinkTarget, Is.EqualTo(b), "the link is still a link");
    }

    [TestCase("predict")]
    [TestCase("evaluate")]
    [TestCase("train")]
    public void AModelFileGivenAsTheDataIsNamedNotReadAsRaggedCsv(string verb)
    {
        using var temp = new TempFolder();
        string model = temp.File("m.model.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", model).ExitCode, Is.Zero);
        string json = temp.File("other.json", "{\n  \"rows\": [1, 2]\n}\n");

        var run = verb == "train" ? CliRun.Train(model) : CliRun.Of(verb, model, model);
        var other = verb == "train" ? CliRun.Train(json) : CliRun.Of(verb, model, json);

        Assert.That(run.Error, Is.EqualTo($"error: {model}: this is a NeuralNet model file, not a CSV file; expected a CSV file here (a model file is the first argument: predict MODEL.json DATA.csv)\n"));
        Assert.That(other.Error, Is.EqualTo($"error: {json}: this is JSON, not a CSV file; expected a CSV file here (a model file is the first argument: predict MODEL.json DATA.csv)\n"));
        Assert.That((run.ExitCode, other.ExitCode), Is.EqualTo((2, 2)));
    }

    [Test]
    public void ACsvFileGivenAsTheModelIsNotAModelFileRatherThanADamagedOne()
    {
        var run = CliRun.Of("predict", RepoPaths.Data("iris.csv"), RepoPaths.Data("iris.csv"));

        Assert.That(run.Error, Is.EqualTo($"error: {RepoPaths.Data("iris.csv")}: not a NeuralNet model file: it is not JSON (a model file starts with '{{'); expected a model file saved by train\n"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void AOneColumnFileWithALongerRowGetsNoRowNamesHint()
    {
        using var temp = new TempFolder();
        string file = temp.File("one.csv", "y\n1,2\n3\n");

        var run = CliRun.Train(file);

        Assert.That(run.Error, Does.Not.Contain("row names"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
    }
}
