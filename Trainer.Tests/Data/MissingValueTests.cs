using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>Missing values stop the run by default, or are filled (mean, median) or their rows left out.</summary>
public sealed class MissingValueTests
{
    private const string Text = "x,colour,y\n1,red,0\n,blue,1\n3,red,1\nNaN,null,1\n8,?,0\n2,NA,1\n";

    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private PreparedData Prepare(MissingValuePolicy policy) =>
        PreparedData.Load(_files.Write("m.csv", Text), null, null, 0, new Random(1), DataOptions.Default with { Missing = policy });

    [Test]
    public void Stops_by_default_with_the_count_and_the_first_location()
    {
        var error = Assert.Throws<InputException>(() => Prepare(MissingValuePolicy.Error));

        Assert.That(error.Message, Does.EndWith("m.csv: 5 missing values (empty, NA, N/A, NaN, null, None or ?); the first at line 3, column 1 ('x'); use --missing mean|median|drop-rows"));
    }

    [TestCase(MissingValuePolicy.Mean, 3.5f)]
    [TestCase(MissingValuePolicy.Median, 2.5f)]
    public void Fills_numbers_with_the_mean_or_median_and_makes_missing_text_a_category_of_its_own(MissingValuePolicy policy, float fill)
    {
        var data = Prepare(policy);
        var x = data.Preprocessing.Features[0];
        var colour = data.Preprocessing.Features[1];

        Assert.Multiple(() =>
        {
            Assert.That(x.Fill, Is.EqualTo(fill));
            // Never the most frequent real category (red): null, ? and NA are one category apart from blue and red.
            Assert.That(colour.FillCategory, Is.Null);
            Assert.That(colour.MissingCategory, Is.True);
            Assert.That(colour.Categories, Is.EqualTo(new[] { "blue", "red" }));
            Assert.That(colour.Width, Is.EqualTo(3));
            Assert.That(data.ValuesFilled, Is.EqualTo(5));
            // Row 2: x filled, then one-hot of blue; row 4: colour missing, the block's last input.
            Assert.That(data.Train.Sample(1)[0], Is.EqualTo((fill - x.Mean) / x.Scale).Within(1e-6));
            Assert.That(data.Train.Sample(1).Slice(1, 3).ToArray(), Is.EqualTo(new[] { 1f, 0f, 0f }));
            Assert.That(data.Train.Sample(3).Slice(1, 3).ToArray(), Is.EqualTo(new[] { 0f, 0f, 1f }));
        });
    }

    [Test]
    public void A_text_column_without_gaps_in_training_has_no_missing_category_and_a_gap_in_a_scored_file_is_all_zeros()
    {
        string train = _files.Write("train.csv", "x,colour,y\n1,red,0\n2,blue,1\n3,red,1\n4,blue,0\n");
        string test = _files.Write("test.csv", "x,colour,y\n1,,0\n2,red,1\n");
        var prep = PreparedData.Load(train, null, null, 0, new Random(1), DataOptions.Default with { Missing = MissingValuePolicy.Median }).Preprocessing;

        var scored = PreparedData.LoadTest(prep, test, DataOptions.Default with { Missing = MissingValuePolicy.Median });

        Assert.That(prep.Features[1].MissingCategory, Is.False);
        Assert.That(scored.Sample(0).Slice(1, 2).ToArray(), Is.EqualTo(new[] { 0f, 0f }));
        Assert.That(scored.Sample(1).Slice(1, 2).ToArray(), Is.EqualTo(new[] { 0f, 1f }));
    }

    [Test]
    public void Leaves_out_the_rows_with_missing_values()
    {
        var data = Prepare(MissingValuePolicy.DropRows);

        Assert.Multiple(() =>
        {
            Assert.That(data.RowsDropped, Is.EqualTo(4));
            Assert.That(data.Train.Count, Is.EqualTo(2));
        });
    }

    [TestCase(MissingValuePolicy.Error)]
    [TestCase(MissingValuePolicy.Median)]
    [TestCase(MissingValuePolicy.DropRows)]
    public void Never_fills_a_missing_target_but_leaves_its_row_out_and_counts_it(MissingValuePolicy policy)
    {
        string path = _files.Write("t.csv", "x,y\n1,0\n2,\n3,1\n4,NA\n5,0\n6,1\n");

        var data = PreparedData.Load(path, null, null, 0, new Random(1), DataOptions.Default with { Missing = policy });

        Assert.Multiple(() =>
        {
            Assert.That(data.Unlabelled, Is.EqualTo(2));
            Assert.That(data.Rows, Is.EqualTo(6));
            Assert.That(data.Train.Count, Is.EqualTo(4));
            Assert.That(data.RowsDropped, Is.Zero);
            Assert.That(data.ValuesFilled, Is.Zero);
        });
    }

    [Test]
    public void A_target_missing_in_every_row_is_an_error()
    {
        string path = _files.Write("t.csv", "x,y\n1,\n2,NA\n3,?\n");

        var error = Assert.Throws<InputException>(() => PreparedData.Load(path, null, null, 0, new Random(1)));

        Assert.That(error.Message, Is.EqualTo($"{path}: the target column 'y' (column 2) is missing in every row (empty, NA, N/A, NaN, null, None or ?); expected rows with a target value"));
    }

    [Test]
    public void Treats_missing_values_in_the_test_file_as_in_training()
    {
        string train = _files.Write("train.csv", "x,y\n1,0\n2,1\n3,0\n4,1\n");
        string test = _files.Write("test.csv", "x,y\n1,0\nNA,1\n?,0\n");
        Dataset Load(MissingValuePolicy policy)
        {
            var options = DataOptions.Default with { Missing = policy };
            return PreparedData.LoadTest(PreparedData.Load(train, null, null, 0, new Random(1), options).Preprocessing, test, options, fittedNow: true);
        }

        var error = Assert.Throws<InputException>(() => Load(MissingValuePolicy.Error));
        var filled = Load(MissingValuePolicy.Mean);
        var dropped = Load(MissingValuePolicy.DropRows);

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.EndWith("test.csv: 2 missing values (empty, NA, N/A, NaN, null, None or ?); the first at line 3, column 1 ('x'); use --missing mean|median|drop-rows"));
            Assert.That(filled.Sample(1)[0], Is.EqualTo(0f), "the mean, standardised");
            Assert.That(dropped.Count, Is.EqualTo(1));
        });
    }
}
