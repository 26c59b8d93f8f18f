using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Large values close together (epoch milliseconds, 15-digit IDs, a target of 1e9 + 10·x) keep their
/// differences: a float has 24 bits, and their nearest floats would make many of them one.</summary>
public sealed class LargeNumberTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>200 epoch-millisecond times 300 ms apart (in shuffled order) and a label the time alone decides,
    /// beside a noise column.</summary>
    private string Timestamps()
    {
        var random = new Random(3);
        var text = new StringBuilder("ts,noise,label\n");
        foreach (int i in Enumerable.Range(0, 200).OrderBy(_ => random.Next()))
            text.Append(Invariant($"{1704067200000L + 300L * i},{random.Next(10)},{(i < 100 ? "early" : "late")}\n"));
        return _files.Write("ts.csv", text.ToString());
    }

    [Test]
    public void Epoch_milliseconds_are_a_feature_with_their_exact_mean_and_spread_not_constant()
    {
        var data = PreparedData.Load(Timestamps(), null, null, 0, new Random(1));

        var ts = data.Preprocessing.Features.Single(f => f.Name == "ts");
        double[] values = [.. Enumerable.Range(0, 200).Select(i => 1704067200000d + 300d * i)];
        double mean = values.Average();
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        Assert.Multiple(() =>
        {
            Assert.That(data.Preprocessing.Dropped.Select(d => d.Name), Does.Not.Contain("ts"));
            Assert.That(ts.Mean, Is.EqualTo(mean));
            Assert.That(ts.Scale, Is.EqualTo(std).Within(1e-6 * std));
            // Every time a different input, 300 ms apart: (300 / std) apart once standardised.
            var inputs = Enumerable.Range(0, data.Train.Count).Select(j => data.Train.Sample(j)[0]).Order().ToArray();
            Assert.That(inputs.Zip(inputs.Skip(1), (a, b) => b - a), Has.All.EqualTo(300 / std).Within(1e-4));
        });
    }

    [Test]
    public void A_model_learns_a_label_that_epoch_milliseconds_decide_and_predict_reads_them_the_same_way()
    {
        using var folder = new TempFolder();
        string path = Timestamps();
        string model = folder.File("m.json");

        var run = CliRun.Train(path, "--epochs", "60", "--save", model);
        var predict = CliRun.Of("predict", model, path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var predicted = predict.Output.Split('\n')[1..^1].Select(line => line.Split(',')[0]).ToArray();
        var actual = File.ReadAllLines(path)[1..].Select(line => line.Split(',')[2]).ToArray();
        double accuracy = predicted.Zip(actual).Count(p => p.First == p.Second) / (double)actual.Length;
        Assert.That(accuracy, Is.GreaterThan(0.9), predict.ToString());
    }

    [Test]
    public void Fifteen_digit_ids_close_together_are_an_id_not_a_constant()
    {
        var random = new Random(5);
        var text = new StringBuilder("customer_id,x,y\n");
        foreach (int i in Enumerable.Range(0, 100).OrderBy(_ => random.Next()))
            text.Append(Invariant($"{100000000000000L + 7L * i},{random.NextDouble():0.000},{i % 2}\n"));
        var data = PreparedData.Load(_files.Write("ids.csv", text.ToString()), null, null, 0.2, new Random(1));

        Assert.That(data.Preprocessing.Dropped, Has.One.EqualTo(new DroppedColumn("customer_id", "ID-like: a different integer in every row of a column named like an ID")));
    }

    [Test]
    public void A_column_whose_values_differ_in_their_last_digits_is_not_called_constant()
    {
        var text = new StringBuilder("reading,x,y\n");
        for (int i = 0; i < 60; i++)
            text.Append(Invariant($"{100000.00001 + 0.00001 * (i % 7):0.00000},{i % 5},{i % 2}\n"));
        var data = PreparedData.Load(_files.Write("fine.csv", text.ToString()), null, null, 0, new Random(1));

        Assert.That(data.Preprocessing.Dropped, Is.Empty);
        Assert.That(data.Preprocessing.Features[0].Scale, Is.EqualTo(2e-5).Within(1e-6));
    }

    [Test]
    public void A_column_of_one_large_value_is_constant_and_named_by_its_value()
    {
        var text = new StringBuilder("ts,x,y\n");
        for (int i = 0; i < 20; i++)
            text.Append(Invariant($"1704067200123,{i},{i % 2}\n"));
        var data = PreparedData.Load(_files.Write("one.csv", text.ToString()), null, null, 0, new Random(1));

        Assert.That(data.Preprocessing.Dropped, Has.One.EqualTo(new DroppedColumn("ts", "constant: every value is 1704067200123")));
    }

    /// <summary>A regression target 1e9 + 1000·a (a in [0, 1)) of one feature a.</summary>
    private string LargeTarget(int scale = 1000)
    {
        var random = new Random(7);
        var text = new StringBuilder("a,t\n");
        for (int i = 0; i < 200; i++)
        {
            double a = random.Next(100000) / 100000.0;
            text.Append(Invariant($"{a:0.00000},{1e9 + scale * a:0.00}\n"));
        }
        return _files.Write("target.csv", text.ToString());
    }

    [Test]
    public void A_large_regression_target_keeps_its_mean_in_double_and_is_predicted_in_fine_steps()
    {
        using var folder = new TempFolder();
        string path = LargeTarget();
        string model = folder.File("m.json");

        var run = CliRun.Train(path, "--epochs", "30", "--val-split", "0", "--save", model);
        var predict = CliRun.Of("predict", model, path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var values = File.ReadAllLines(path)[1..].Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.That(NeuralNet.Models.ModelSerializer.Load(model).Preprocessing.TargetMeans[0], Is.EqualTo(values.Average()).Within(1e-6));
        var predicted = predict.Output.Split('\n')[1..^1].Select(line => double.Parse(line, CultureInfo.InvariantCulture)).ToArray();
        // In steps of 64 (a float's near 1e9), 200 predictions of values 0 to 1000 apart would take at most 17 values.
        Assert.That(predicted.Distinct().Count(), Is.GreaterThan(100), predict.Output);
    }

    [Test]
    public void A_target_that_varies_by_ten_around_a_billion_is_not_constant()
    {
        var data = PreparedData.Load(LargeTarget(scale: 10), null, TaskKind.Regression, 0, new Random(1));

        Assert.That(data.Preprocessing.TargetScales[0], Is.GreaterThan(2f).And.LessThan(4f));
    }

    [Test]
    public void A_value_too_far_from_the_first_values_of_its_column_is_an_error_naming_its_cell()
    {
        // Past the rows the offset is chosen from (CsvScan.SampleRows).
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < CsvScan.SampleRows + 10; i++)
            text.Append(Invariant($"{3e38 + i % 10 * 1e30:E6},{i % 2}\n"));
        text.Append("-3e38,1\n");
        string path = _files.Write("far.csv", text.ToString());

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: {path}:{CsvScan.SampleRows + 12}:1: '-3e38' in column 'x' is too far from the column's first values (around 3E+38) to be held beside them: their difference is beyond the float range (±3.4e38){Environment.NewLine}"));
    }

    [TestCase("customer_id", 9007199254740993L)] // past 2^53
    [TestCase("store_id", 16777217L)] // past float's 2^24
    public void RepeatedLargeIntegersInAnIdColumnAreIdLikeNotAFeature(string name, long start)
    {
        // 15 IDs over 60 rows: repeated, so neither increasing nor distinct.
        var text = new StringBuilder($"{name},a,y\n");
        for (int i = 0; i < 60; i++)
            text.Append(Invariant($"{start + 7919L * (i * 7 % 15)},{i % 10},{(i % 2 == 0 ? "x" : "z")}\n"));
        string path = _files.Write("ids.csv", text.ToString());

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Line("dropped: "), Is.EqualTo($"dropped: {name}: ID-like: integers past 2^24 (16,777,216), beyond which a float input does not hold every integer, in a column named like an ID"));
    }

    [Test]
    public void RepeatedSmallIntegersInAnIdColumnStayAFeature()
    {
        var text = new StringBuilder("store_id,a,y\n");
        for (int i = 0; i < 60; i++)
            text.Append(Invariant($"{1000 + i % 15},{i % 10},{(i % 2 == 0 ? "x" : "z")}\n"));

        var run = CliRun.Train(_files.Write("ids.csv", text.ToString()));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Not.Contain("dropped: "));
    }
}
