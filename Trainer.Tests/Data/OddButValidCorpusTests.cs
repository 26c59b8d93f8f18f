using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Odd but valid real-world files: each one trains, and is read as its author meant (the summary's data line).
/// The broken ones are in <see cref="MalformedCorpusTests"/> and <see cref="MisreadTests"/>.</summary>
public sealed class OddButValidCorpusTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private static string Rows(int count, Func<int, string> row) => string.Concat(Enumerable.Range(0, count).Select(i => row(i) + "\n"));

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] Cities = ["Paris, FR", "Rome, IT", "Oslo, NO"];
    private static readonly string[] Accented = ["Zürich", "Genève", "Köln"];

    private static IEnumerable<TestCaseData> Corpus()
    {
        const string two = "2 features; target 'y'";
        const string oneHot = "4 features after encoding (1 numeric, 3 one-hot from 1 text column); target 'y'";
        yield return Case("quoted-commas", "n,city,y\n" + Rows(40, i => $"{i % 9},\"{Cities[i % 3]}\",{i % 2}"), oneHot);
        yield return Case("crlf", "a,b,y\r\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 7},{i % 5}.5,{i % 2}\r\n")), two);
        yield return Case("bom", "\uFEFFa,b,y\n" + Rows(40, i => $"{i % 7},{i % 5},{i % 2}"), two);
        yield return Case("trailing-delimiter", "a,b,y,\n" + Rows(40, i => $"{i % 7},{i % 5},{i % 2},"), two);
        yield return Case("negative", "a,b,y\n" + Rows(40, i => $"-{i % 7}.25,{-(i % 5)},{i % 2}"), two);
        yield return Case("scientific", "a,b,y\n" + Rows(40, i => $"{i % 7}e-3,{i % 5 + 1}.5E+2,{i % 2}"), two);
        yield return Case("trailing-empty-lines", "a,b,y\n" + Rows(40, i => $"{i % 7},{i % 5},{i % 2}") + "\n\n\n", two);
        yield return Case("numeric-column-names", "2019,2020,y\n" + Rows(40, i => $"{i % 7},{i % 5},{i % 2}"), two);
        yield return Case("semicolon-decimal-comma", "a;b;y\n" + Rows(40, i => $"{i % 7},5;{i % 5};{i % 2}"), two);
        yield return Case("tab", "a\tb\ty\n" + Rows(40, i => $"{i % 7}\t{i % 5}.5\t{i % 2}"), two);
        yield return Case("pipe", "a|b|y\n" + Rows(40, i => $"{i % 7}|{i % 5}|{i % 2}"), two);
        yield return Case("spaces-around", "a , b , y\n" + Rows(40, i => $" {i % 7} ,  {i % 5} , {(i % 2 == 0 ? "no" : "yes")} "), two);
        yield return Case("quoted-numbers", "a,b,y\n" + Rows(40, i => $"\"{i % 7}\",\"{i % 5}.5\",\"{i % 2}\""), two);
        yield return Case("multiline-text", "note,x,y\n" + Rows(40, i => $"\"line one\nline {i % 3}\",{i % 7},{i % 2}"), oneHot);
        yield return Case("plus-and-leading-dot", "a,b,y\n" + Rows(40, i => $"+{i % 7},.{i % 5 + 1},{i % 2}"), two);
        yield return Case("excel-sep-line", "sep=;\na;b;y\n" + Rows(40, i => $"{i % 7};{i % 5};{i % 2}"), two);
        yield return Case("doubled-quotes", "title,x,y\n" + Rows(40, i => $"\"He said \"\"hi {i % 3}\"\"\",{i % 7},{i % 2}"), oneHot);
        yield return Case("no-header", Rows(40, i => $"{i % 7},{i % 5}.5,{i % 2}"), "2 features; target 'col3'");
        yield return Case("quoted-header", "\"a\",\"b\",\"y\"\n" + Rows(40, i => $"{i % 7},{i % 5},{i % 2}"), two);
        yield return Case("no-final-newline", "a,b,y\n" + Rows(40, i => $"{i % 7},{i % 5},{i % 2}").TrimEnd('\n'), two);
        yield return Case("label-first", "label,a,b\n" + Rows(60, i => $"{i % 3},{i % 7},{i % 5}"), "2 features; target 'label'");
        yield return Case("regression-target", "a,b,price\n" + Rows(80, i => $"{i % 7},{i % 5},{N(i * 1.37)}"), "2 features; target 'price'");
        yield return Case("text-with-a-few-codes", "size,x,y\n" + Rows(200, i => $"{(i % 20 == 10 ? "10" : new[] { "S", "M", "L", "XL" }[i % 4])},{i % 7},{i % 2}"),
            "6 features after encoding (1 numeric, 5 one-hot from 1 text column); target 'y'");
        yield return Case("missing-filled", "a,b,y\n" + Rows(40, i => $"{(i == 5 ? "NA" : $"{i % 7}")},{i % 5},{i % 2}"), two, "--missing", "mean");
        yield return Case("space-delimiter", "a b y\n" + Rows(40, i => $"{i % 7} {i % 5} {i % 2}"), two, "--delimiter", " ");
        yield return Case("zip-codes-as-categories", "zip,x,y\n" + Rows(40, i => $"{new[] { "02139", "10001", "94105" }[i % 3]},{i % 7},{i % 2}"), oneHot, "--categorical", "zip");
    }

    private static TestCaseData Case(string name, string text, string expected, params string[] args) =>
        new TestCaseData(name, Encoding.UTF8.GetBytes(text), expected, args).SetName($"Trains {name}");

    private static IEnumerable<TestCaseData> Encoded()
    {
        string text = "x,city,y\n" + Rows(40, i => $"{i},{Accented[i % 3]},{i % 2}");
        yield return new TestCaseData("latin1", Encoding.Latin1.GetBytes(text), "latin1").SetName("Trains latin1 with --encoding latin1");
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        yield return new TestCaseData("cp1252", Encoding.GetEncoding(1252).GetBytes(text), "windows-1252").SetName("Trains windows-1252 with --encoding windows-1252");
        yield return new TestCaseData("utf16", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(), null).SetName("Trains UTF-16 with its byte order mark");
    }

    [TestCaseSource(nameof(Corpus))]
    public void Trains_an_odd_but_valid_file(string name, byte[] bytes, string expected, string[] args)
    {
        string path = _files.WriteBytes(name + ".csv", bytes);

        var run = CliRun.Train([path, .. args]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Line("data: "), Does.Contain(expected));
        });
    }

    [TestCaseSource(nameof(Encoded))]
    public void Trains_a_file_in_another_encoding(string name, byte[] bytes, string? encoding)
    {
        string path = _files.WriteBytes(name + ".csv", bytes);

        var run = encoding is null ? CliRun.Train(path) : CliRun.Train(path, "--encoding", encoding);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
            Assert.That(run.Line("         city "), Does.EndWith("3 categories: Genève, Köln, Zürich"));
        });
    }
}
