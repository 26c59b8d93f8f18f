using System.Text;
using NeuralNet.Cli;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;
using NeuralNet.Tests.Export;

namespace NeuralNet.Tests.Data;

/// <summary>
/// Issue 11's leftovers, each once silent or misleading: a UTF-16 file summarised as utf-8; --encoding utf-16 on a
/// UTF-8 file refused as "a header row but no data rows"; a header cell 'NA' renamed col2; one text in two Unicode
/// forms made two categories without a word.
/// </summary>
public sealed class EncodingAndNameTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private static readonly string Iris = File.ReadAllText(RepoPaths.Data("iris.csv"));

    [TestCase("utf-16", "utf-16")]
    [TestCase("utf-16BE", "utf-16BE")]
    [TestCase("utf-32", "utf-32")]
    [TestCase("utf-8", "utf-8")]
    public void TheSummaryNamesTheEncodingAByteOrderMarkSets(string encoding, string shown)
    {
        var bytes = Encoding.GetEncoding(encoding);
        string path = _files.WriteBytes("marked.csv", [.. bytes.GetPreamble(), .. bytes.GetBytes(Iris)]);

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Line("csv: "), Is.EqualTo($"csv: delimiter ',' (sniffed), header yes (sniffed), decimal point (sniffed), encoding {shown}"));
        Assert.That(run.Line("data: "), Does.Contain("150 rows, 4 features"));
    }

    [TestCase("utf-16", "UTF-16")]
    [TestCase("utf-32", "UTF-32")]
    [TestCase("UTF-16LE", "UTF-16")]
    public void AUtf16EncodingForAUtf8FileIsOneLineSayingWhatTheBytesAre(string given, string family)
    {
        string path = _files.Write("plain.csv", Iris);

        var run = CliRun.Train(path, "--encoding", given);

        Assert.That(run.Error, Is.EqualTo($"error: {path}: --encoding {given}, but the file is not {family}: its first 4,009 bytes have no zero byte, and {family} writes every ASCII character "
            + $"(each delimiter, each line break) with one; they read as UTF-8 ('sepal_length,sepal_width,petal_length,pe... (57 characters)'), the default: leave out --encoding {given}\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void AUtf16EncodingForALatin1FileSaysItIsNotUtf8Either()
    {
        string path = _files.WriteBytes("latin1.csv", Encoding.Latin1.GetBytes("x,city,y\n1,caf\u00e9,a\n2,r\u00eaved,b\n"));

        var run = CliRun.Train(path, "--encoding", "utf-16");

        Assert.That(run.Error, Does.EndWith("they are not UTF-8 either (as latin1: 'x,city,y'): try --encoding latin1 or windows-1252\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [TestCase("NA")]
    [TestCase("?")]
    [TestCase("null")]
    public void AHeaderCellThatIsAMissingValueWordKeepsItsName(string name)
    {
        // It used to become 'col2' without a word; a header cell is a name, not a value.
        string path = _files.Write("named.csv", Iris.Replace("sepal_width", name, StringComparison.Ordinal));

        var run = CliRun.Train(path, "--verbose");
        var dropped = CliRun.Train(path, "--drop", name);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain($"feature '{name}': numeric").And.Not.Contain("col2"));
        Assert.That(dropped.Line("dropped: "), Is.EqualTo($"dropped: {name}: --drop"));
    }

    [Test]
    public void AnEmptyHeaderCellIsStillNamedByItsPosition()
    {
        string path = _files.Write("unnamed.csv", Iris.Replace("sepal_width", "", StringComparison.Ordinal));

        var run = CliRun.Train(path, "--verbose");

        Assert.That(run.Output, Does.Contain("feature 'col2': numeric"));
    }

    [Test]
    public void AModelWithAColumnNamedNaPredictsAFileWithThatColumn()
    {
        string path = _files.Write("named.csv", Iris.Replace("sepal_width", "NA", StringComparison.Ordinal));
        string model = _files.PathOf("m.json");
        Assert.That(CliRun.Train(path, "--save", model).ExitCode, Is.Zero);

        var predicted = CliRun.Of("predict", model, path);

        Assert.That(predicted.ExitCode, Is.Zero, predicted.ToString());
        Assert.That(ModelSerializer.Load(model).Preprocessing.FeatureNames, Does.Contain("NA"));
    }

    private const string Composed = "caf\u00e9";
    private const string Decomposed = "cafe\u0301";

    [Test]
    public void TwoCategoriesThatAreOneTextInTwoUnicodeFormsAreNamedInOneLine()
    {
        string[] cities = [Composed, Decomposed, "paris"];
        string path = _files.Write("cities.csv", "x,city,y\n" + string.Concat(Enumerable.Range(0, 90).Select(i => $"{i % 7},{cities[i % 3]},{(i % 2 == 0 ? "a" : "b")}\n")));

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        // Sorted by code unit: the decomposed form (e, U+0301) before the composed one (U+00E9).
        Assert.That(run.Line("unicode: "), Is.EqualTo($"unicode: column 'city': '{Decomposed}' (U+0301) and '{Composed}' (U+00E9) are one text in two Unicode forms (equal once normalised), "
            + "read as two categories; write them in one form (e.g. NFC) to make them one"));
    }

    [Test]
    public void TwoClassesThatAreOneTextInTwoUnicodeFormsAreNamedToo()
    {
        string path = _files.Write("labels.csv", "x,z,y\n" + string.Concat(Enumerable.Range(0, 90).Select(i => $"{i % 7},{i % 5},{(i % 2 == 0 ? Composed : Decomposed)}\n")));

        var run = CliRun.Train(path);

        Assert.That(run.Line("unicode: "), Does.StartWith($"unicode: target 'y': '{Decomposed}' (U+0301) and '{Composed}' (U+00E9) are one text in two Unicode forms").And.Contain("read as two classes"));
    }

    [Test]
    public void NoLineWhenNoTwoCategoriesAreOneText()
    {
        string path = _files.Write("distinct.csv", "x,city,y\n" + string.Concat(Enumerable.Range(0, 90).Select(i => $"{i % 7},{(i % 2 == 0 ? Composed : "caf\u00e8")},{(i % 3 == 0 ? "a" : "b")}\n")));

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Not.Contain("unicode:"));
    }

    [Test]
    public void PredictAndTheOnnxGraphSeeTheTwoFormsAsTheModelDoes()
    {
        // Cells are kept as written: the exported graph compares strings as they are, so predict must too. A row of
        // each form, and one in neither (unseen), score alike in both.
        string[] cities = [Composed, Decomposed, "paris"];
        var random = new Random(5);
        string path = _files.Write("cities.csv", "x,city,y\n" + string.Concat(Enumerable.Range(0, 150).Select(i =>
            FormattableString.Invariant($"{random.NextDouble():0.###},{cities[i % 3]},{(i % 3 == 1 ? "b" : "a")}\n"))));
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Train(path, "--save", model, "--epochs", "5", "--unknown-category", "ignore").ExitCode, Is.Zero);
        Assert.That(ModelSerializer.Load(model).Preprocessing.Features[1].Categories, Is.EqualTo(new[] { Decomposed, Composed, "paris" }));
        string rows = _files.Write("rows.csv", $"x,city\n0.5,{Composed}\n0.5,{Decomposed}\n0.5,CAF\u00c9\n");

        var (predict, onnx) = OnnxParity.Both(temp, model, rows);

        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(OnnxParity.WorstDifference(predict.Values, onnx.Values, ModelSerializer.Load(model).Preprocessing), Is.LessThanOrEqualTo(1e-5));
        Assert.That(predict.Values.Take(3), Is.Not.EqualTo(predict.Values.Skip(3).Take(3)), "the two forms are two categories");
    }
}
