using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>The CSV options reach the data layer, and the summary before training says what was read and how.</summary>
public sealed class CsvCommandLineTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    [Test]
    public void Prints_rows_encoding_dialect_dropped_columns_and_classes_before_training()
    {
        string path = _files.Write("s.csv", "id;size;colour;always;label\n1;1,5;red;0;yes\n2;2,5;blue;0;no\n3;0,5;red;0;yes\n4;3,0;red;0;no\n5;1,0;blue;0;yes\n");

        var run = CliRun.Train(path, "--val-split", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("data: "), Does.StartWith($"data: {path}: 5 rows, 3 features after encoding (1 numeric, 2 one-hot from 1 text column); target 'label' (read "));
            Assert.That(run.Line("csv: "), Is.EqualTo("csv: delimiter ';' (sniffed), header yes (sniffed), decimal comma (sniffed), encoding utf-8"));
            Assert.That(run.Line("dropped: id"), Is.EqualTo("dropped: id: ID-like: increasing integers in a column named like an ID"));
            Assert.That(run.Line("dropped: always"), Is.EqualTo("dropped: always: constant: every value is 0"));
            Assert.That(run.Line("task: "), Is.EqualTo("task: classification, 2 classes: no (2), yes (3)"));
        });
    }

    [Test]
    public void Binds_the_dialect_overrides()
    {
        string path = _files.Write("o.txt", "1,5|2|0\n3|4,25|1\n2|1|0\n5|0|1\n");

        var run = CliRun.Train(path, "--delimiter", "|", "--no-header", "--decimal-comma", "--val-split", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("csv: "), Is.EqualTo("csv: delimiter '|', header no (columns named col1, col2, ...), decimal comma, encoding utf-8"));
            Assert.That(run.Line("data: "), Does.Contain("4 rows, 2 features; target 'col3'"));
        });
    }

    [Test]
    public void Binds_drop_missing_and_several_targets()
    {
        string path = _files.Write("m.csv", "x,z,noise,a,b\n1,2,9,10,1\n2,,8,20,3\n3,1,7,30,2\n4,5,6,45,4\n5,3,5,50,5\n");

        var run = CliRun.Train(path, "--drop", "noise", "--missing", "median", "--target", "a,b", "--val-split", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("dropped: "), Is.EqualTo("dropped: noise: --drop"));
            Assert.That(run.Line("missing: "), Is.EqualTo("missing: 'z': 1 value filled with the training rows' median 2.5 (--missing error refuses them)"));
            Assert.That(run.Line("task: "), Does.StartWith("task: regression, 2 outputs ('a' mean 31, std "));
            Assert.That(run.Line("model: "), Does.StartWith("model: 2 → dense 8 → relu → dense 2 "));
        });
    }

    [Test]
    public void Applies_the_unknown_category_policy_to_the_test_file()
    {
        string train = _files.Write("train.csv", "x,colour,y\n1,red,0\n2,blue,1\n3,red,1\n4,blue,0\n");
        string test = _files.Write("test.csv", "x,colour,y\n1,red,0\n2,green,1\n");

        var refused = CliRun.Train(train, "--test", test, "--unknown-category", "error");
        var ignored = CliRun.Train(train, "--test", test);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(refused.Error, Does.StartWith($"error: {test}:3:2: 'green' in column 'colour' is a category the training data did not have"));
            Assert.That(ignored.ExitCode, Is.EqualTo(ExitCodes.Success), ignored.Error);
            Assert.That(ignored.Line("test ("), Does.StartWith($"test ({test}, 2 rows)"));
            Assert.That(ignored.Line("test: "), Is.EqualTo("test: 1 value of categories the training data did not have, encoded as all zeros (--unknown-category error refuses them): 'colour' 1 (e.g. 'green')"));
            Assert.That(refused.Output, Does.Not.Contain("epoch"), "refused before training");
        });
    }

    [TestCase("--delimiter", "ab", "--delimiter takes one ASCII character")]
    [TestCase("--missing", "zero", "Must be one of: 'error' 'mean' 'median' 'drop-rows'")]
    [TestCase("--unknown-category", "drop", "Must be one of: 'error' 'ignore'")]
    public void Refuses_bad_option_values_in_one_line(string option, string value, string expected)
    {
        string path = _files.Write("ok.csv", "x,y\n1,0\n2,1\n");

        var run = CliRun.Train(path, option, value);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Does.StartWith("error: ").And.Contains(expected));
        });
    }
}
