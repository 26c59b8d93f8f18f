using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>The review's silent misreads of numbers in another convention (issue 11, second round): each is now read
/// as meant (a decimal comma sniffed beside any delimiter but ',') or refused naming its first cell.</summary>
public sealed class ForeignNumberTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    /// <summary>Rows of <c>a,b,y</c> with y = yes when a &gt; b; <paramref name="cell"/> writes a (row, value).</summary>
    private static string Rows(int count, Func<int, double, string> cell, string delimiter = ",")
    {
        var random = new Random(1);
        var text = new StringBuilder($"a{delimiter}b{delimiter}y\n");
        for (int i = 0; i < count; i++)
        {
            double a = random.NextDouble() * 10, b = random.NextDouble() * 10;
            text.Append(CultureInfo.InvariantCulture, $"{cell(i, a)}{delimiter}{b:F2}{delimiter}{(a > b ? "yes" : "no")}\n");
        }
        return text.ToString();
    }

    [TestCase("\t", "tab")]
    [TestCase("|", "'|'")]
    public void A_decimal_comma_is_sniffed_beside_any_delimiter_but_a_comma(string delimiter, string name)
    {
        string path = _files.Write("f1.csv", Rows(200, (_, a) => a.ToString("F2", CultureInfo.InvariantCulture), delimiter).Replace('.', ','));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Output, Does.Contain($"csv: delimiter {name} (sniffed), header yes (sniffed), decimal comma (sniffed)"));
            Assert.That(run.Output, Does.Contain("200 rows, 2 features"));
        });
    }

    [Test]
    public void Quoted_decimal_commas_in_a_comma_file_are_an_error_not_a_text_column()
    {
        string path = _files.Write("f2.csv", Rows(200, (_, a) => $"\"{a.ToString("F2", CultureInfo.InvariantCulture).Replace('.', ',')}\""));
        string first = File.ReadAllLines(path)[1].Split("\",")[0].TrimStart('"');

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:2:1: '{first}' in column 'a' is a number with a decimal comma, but the decimal separator of a ',' file is '.'; write 4.5 for 4,5, or save the file with ';' delimiters (200 such cells, 0 plain numbers, 0 other texts)\n"));
        });
    }

    [Test]
    public void Decimal_commas_after_many_integers_in_a_semicolon_file_are_an_error_naming_the_first()
    {
        var text = new StringBuilder("rating;height;y\n");
        for (int i = 0; i < 1200; i++)
            text.Append(CultureInfo.InvariantCulture, $"{(i < 1100 ? (i % 9 + 1).ToString(CultureInfo.InvariantCulture) : $"{i % 8 + 1},5")};{150 + i % 50};{(i % 2 == 0 ? "a" : "b")}\n");
        string path = _files.Write("f3.csv", text.ToString());

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:1102:1: '5,5' in column 'rating' is a number with a decimal comma, but the file's decimal separator is '.'; pass --decimal-comma if the file writes 4,5 (100 such cells, 1100 plain numbers, 0 other texts)\n"));
        });
    }

    [Test]
    public void A_target_with_thousands_separators_is_an_error_not_one_class_per_row()
    {
        var text = new StringBuilder("sqft,rooms,price\n");
        for (int i = 0; i < 300; i++)
            text.Append(CultureInfo.InvariantCulture, $"{500 + i * 10},{i % 6 + 1},\"{(500 + i * 10) * 251:N0}\"\n");
        string path = _files.Write("f4.csv", text.ToString());

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:2:3: '125,500' in target column 'price' is a number with a thousands separator or a decimal comma, which this file does not read; write 125500, or write every number of the file with one decimal separator (300 such cells, 0 plain numbers, 0 other texts); or pass --task classification to read every value as a class name\n"));
        });
    }

    [Test]
    public void A_text_target_with_a_class_per_row_is_refused()
    {
        var text = new StringBuilder("a,b,name\n");
        for (int i = 0; i < 100; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i},{i % 7},person{i}\n");
        string path = _files.Write("ids.csv", text.ToString());

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}: the target column 'name' has 100 different values in 100 rows, more than half: that is an ID or a number, not classes; pick the target with --target, or pass --task classification to train these classes anyway\n"));
        });
    }

    [TestCase("#N/A", "a spreadsheet error value; fix the formula, or mark the cell missing (empty or NA)")]
    [TestCase("1,624.87", "a number with thousands separators, which are not read; write it without them (1624.87)")]
    [TestCase("\u22123.5", "a number written with a Unicode minus sign; write it as a plain number (-3.5)")]
    public void Foreign_numbers_among_plain_numbers_are_an_error_whatever_their_share(string token, string why)
    {
        // Every 8th row (13%): too many to be strays, so before this they made a text column with a 'mixed:' note.
        string path = _files.Write("f5.csv", Rows(200, (i, a) => i % 8 == 3 ? (token.Contains(',', StringComparison.Ordinal) ? $"\"{token}\"" : token) : a.ToString("F3", CultureInfo.InvariantCulture)));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:5:1: '{token}' in column 'a' is {why} (25 such cells, 175 plain numbers, 0 other texts)\n"));
        });
    }

    [TestCase("٧٠", "a number written with non-ASCII digits; write it as a plain number (70)")]
    [TestCase("７０", "a number written with non-ASCII digits; write it as a plain number (70)")]
    [TestCase("70%", "a number written as a percentage; write it as a plain number (70)")]
    [TestCase("$70", "a number written with a currency sign; write it as a plain number (70)")]
    public void A_whole_column_of_foreign_numbers_is_an_error_not_categorical(string token, string why)
    {
        string path = _files.Write("f17.csv", Rows(200, (_, _) => token));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:2:1: '{token}' in column 'a' is {why} (200 such cells, 0 plain numbers, 0 other texts)\n"));
        });
    }

    [Test]
    public void Text_categories_mixed_with_numbers_stay_categorical()
    {
        // Titanic's Ticket: 'A/5 21171' beside '113803' is text, not a number in another convention.
        string path = _files.Write("ticket.csv", Rows(200, (i, a) => i % 3 == 0 ? $"A/5 {21171 + i % 4}" : $"{113803 + i % 5}"));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Output, Does.Contain("mixed: column 'a' has numbers and text"));
        });
    }

    [Test]
    public void A_mixed_column_dropped_as_ID_like_gets_one_line_not_also_a_mixed_note()
    {
        string path = _files.Write("tickets.csv", Rows(200, (i, _) => i % 2 == 0 ? $"A/5 {21171 + i}" : $"{113803 + i}"));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Output, Does.Contain("a: ID-like: a different text in every row; pass --categorical a to keep it"));
            Assert.That(run.Output, Does.Not.Contain("mixed:"));
        });
    }
}
