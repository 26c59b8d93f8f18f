using System.Globalization;
using System.Text;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>A file with text features is encoded into the matrix it was read into when the read left room for the
/// one-hot inputs: the datasets must be the ones a second matrix gives, row for row, and the first error in row
/// order must be the one reported.</summary>
public sealed class InPlaceEncodingTests
{
    [TestCase(false)]
    [TestCase(true)]
    public void The_shared_matrix_holds_what_a_matrix_of_its_own_holds(bool categoryAfterTheSample)
    {
        using var files = new TempCsv();
        // 2,000 rows: past the sample (1,000 rows), so a category first seen below it leaves the read without room.
        var text = new StringBuilder("a,colour,b,size,y\n");
        for (int r = 0; r < 2000; r++)
        {
            string colour = categoryAfterTheSample && r == 1500 ? "teal" : new[] { "red", "green", "blue" }[r % 3];
            text.Append(CultureInfo.InvariantCulture, $"{r * 0.5},{colour},{(r * 7) % 13 - 6.25},{(r % 2 == 0 ? "S" : "L")},{r % 2}\n");
        }
        string path = files.Write("t.csv", text.ToString());
        var (train, validation) = (Enumerable.Range(0, 2000).Where(r => r % 5 != 0).ToArray(), Enumerable.Range(0, 2000).Where(r => r % 5 == 0).ToArray());

        var shared = Datasets(path, train, validation, separate: false);
        var separate = Datasets(path, train, validation, separate: true);

        Assert.Multiple(() =>
        {
            for (int set = 0; set < 2; set++)
            {
                Assert.That(shared[set].FeatureCount, Is.EqualTo(separate[set].FeatureCount).And.EqualTo(categoryAfterTheSample ? 8 : 7));
                for (int i = 0; i < shared[set].Count; i++)
                    Assert.That(shared[set].Sample(i).ToArray(), Is.EqualTo(separate[set].Sample(i).ToArray()), $"set {set}, sample {i}");
            }
        });
    }

    [Test]
    public void The_first_value_out_of_range_in_row_order_is_reported()
    {
        using var files = new TempCsv();
        // Two rows whose value cannot be scaled into a float: the first (line 3) is named, though the rows widen from the last.
        var text = new StringBuilder("a,colour,y\n");
        for (int r = 0; r < 200; r++)
            text.Append(CultureInfo.InvariantCulture, $"{(r is 1 or 150 ? "1e30" : (r % 7).ToString(CultureInfo.InvariantCulture))},{(r % 2 == 0 ? "x" : "z")},{r % 2}\n");
        string path = files.Write("t.csv", text.ToString());
        var raw = CsvLoader.Load(path, ["y"], DataOptions.Default);
        int[] rows = [.. Enumerable.Range(0, raw.Rows)];
        var prep = Preprocessing.Fit(raw, TaskKind.Classification, raw.Features, [], rows, rows, TargetAnalysis.ClassNames(raw, rows), MissingValuePolicy.Error);
        var scaled = prep with { Features = [prep.Features[0] with { Scale = 1e-10f }, .. prep.Features[1..]] };

        var error = Assert.Throws<InputException>(() => scaled.ApplyShared(raw, rows, [rows], UnknownCategoryPolicy.Error));

        Assert.That(error!.Message, Does.StartWith($"{path}:3:1:"));
    }

    private static Dataset[] Datasets(string path, int[] train, int[] validation, bool separate)
    {
        var raw = CsvLoader.Load(path, ["y"], DataOptions.Default);
        int[] rows = [.. Enumerable.Range(0, raw.Rows)];
        var classes = TargetAnalysis.ClassNames(raw, rows);
        var prep = Preprocessing.Fit(raw, TaskKind.Classification, raw.Features, [], train, rows, classes, MissingValuePolicy.Error);
        return separate
            ? [prep.Apply(raw, train, UnknownCategoryPolicy.Error), prep.Apply(raw, validation, UnknownCategoryPolicy.Error)]
            : prep.ApplyShared(raw, rows, [train, validation], UnknownCategoryPolicy.Error);
    }
}
