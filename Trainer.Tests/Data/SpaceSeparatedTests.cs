using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Files R and statsmodels write (issue 22): write.table's space-separated, quoted table with row names,
/// single-quoted headers and numbers, and column-aligned files (runs of spaces) are sniffed and read.</summary>
public sealed class SpaceSeparatedTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    /// <summary>The spector data's shape: gpa, tuce, psi and a 0/1 grade, 32 rows.</summary>
    private static IEnumerable<(double Gpa, int Tuce, int Psi, int Grade)> Spector()
    {
        var random = new Random(6);
        for (int i = 0; i < 32; i++)
        {
            double gpa = Math.Round(2 + random.NextDouble() * 2, 2);
            int tuce = random.Next(12, 30), psi = random.Next(2);
            yield return (gpa, tuce, psi, gpa + psi > 3.6 ? 1 : 0);
        }
    }

    [Test]
    public void R_write_table_with_quoted_names_and_row_names_is_read_and_the_row_names_are_an_id()
    {
        var text = new StringBuilder("\"gpa\" \"tuce\" \"psi\" \"grade\"\n");
        int row = 1;
        foreach (var (gpa, tuce, psi, grade) in Spector())
            text.Append(CultureInfo.InvariantCulture, $"\"{row++}\" {gpa} {tuce} {psi} {grade}\n");
        string path = _files.Write("spector.txt", text.ToString());

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Line("csv: "), Does.StartWith("csv: delimiter spaces (a run of them is one) (sniffed), R's row names read as column 'row.names' (an ID), header yes (sniffed)"));
        Assert.That(run.Line("dropped: "), Is.EqualTo("dropped: row.names: ID-like: increasing integers in a column named like an ID"));
        Assert.That(run.Line("data: "), Does.Contain("32 rows, 3 features; target 'grade'"));
    }

    [Test]
    public void A_single_quoted_header_and_single_quoted_numbers_are_read_as_names_and_numbers()
    {
        var text = new StringBuilder("'gpa' 'tuce' 'psi' 'grade'\n");
        foreach (var (gpa, tuce, psi, grade) in Spector())
            text.Append(CultureInfo.InvariantCulture, $"'{gpa}' {tuce} {psi} {grade}\n");
        string path = _files.Write("spector-single.txt", text.ToString());

        var data = PreparedData.Load(path, null, null, 0, new Random(1));

        Assert.That(data.Preprocessing.FeatureNames, Is.EqualTo(new[] { "gpa", "tuce", "psi" }));
        Assert.That(data.Preprocessing.Features[0].IsCategorical, Is.False, "'2.66' is a number where ' is the quote");
        Assert.That(data.Preprocessing.Features[0].Mean, Is.EqualTo(Spector().Average(s => s.Gpa)).Within(1e-6));
        Assert.That(data.Preprocessing.Dialect.Quote, Is.EqualTo('\''));
    }

    [Test]
    public void A_column_aligned_file_is_read_with_runs_of_spaces_as_one()
    {
        var text = new StringBuilder("   gpa  tuce  psi  grade\n");
        foreach (var (gpa, tuce, psi, grade) in Spector())
            text.Append(CultureInfo.InvariantCulture, $"{gpa,6:0.00}{tuce,6}{psi,5}{grade,7}\n");
        string path = _files.Write("aligned.txt", text.ToString());

        var data = PreparedData.Load(path, null, null, 0, new Random(1));

        Assert.That(data.Preprocessing.FeatureNames, Is.EqualTo(new[] { "gpa", "tuce", "psi" }));
        Assert.That(data.Preprocessing.TargetNames, Is.EqualTo(new[] { "grade" }));
        Assert.That(data.Preprocessing.Features[1].Mean, Is.EqualTo(Spector().Average(s => s.Tuce)).Within(1e-6));
        Assert.That(data.Rows, Is.EqualTo(32));
    }

    [Test]
    public void A_comma_file_with_spaces_in_its_text_is_still_a_comma_file()
    {
        string path = _files.Write("cities.csv", "city,size,y\nNew York,8,a\nLos Angeles,4,b\nSan Diego,1,a\nBoston,1,b\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.That(raw.Dialect.Delimiter, Is.EqualTo(','));
        Assert.That(raw.Dialect.SpaceRuns, Is.False);
    }
}
