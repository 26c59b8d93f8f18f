using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Broken files: each is refused with exit code 2 and one line that says where and what, never a stack trace.</summary>
public sealed class MalformedCorpusTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private static IEnumerable<TestCaseData> Corpus()
    {
        yield return Case("ragged", "a,b,y\n1,2,0\n3,4,1\n5,6\n7,8,1\n", ":4:3: this row has 2 fields, but the first row has 3");
        yield return Case("ragged-long", "a,b,y\n1,2,0\n3,4,1,9\n", ":3:4: this row has 4 fields, but the first row has 3");
        yield return Case("unterminated-quote", "a,b,y\n1,2,0\n3,\"4,1\n5,6,1\n", ":3:2: a quoted field that starts on this line is never closed");
        yield return Case("empty", "", ": the file is empty (0 bytes)");
        yield return Case("blank-lines", "\n\n\r\n", ": the file is empty (no rows)");
        yield return Case("header-only", "a,b,y\n", ": the file has a header row but no data rows");
        yield return Case("duplicate-header", "a,b,a,y\n1,2,3,0\n4,5,6,1\n", ":1:3: the header names column 1 and column 3 both 'a'");
        yield return Case("huge-number", "a,b,y\n1,2,0\n3,1e50,1\n", ":3:2: '1e50' in column 'b' is not a finite number");
        yield return Case("inf-feature", "a,b,y\n1,2,0\ninf,4,1\n", ":3:1: 'inf' in column 'a' is not a finite number");
        yield return Case("minus-infinity", "a,b,y\n1,2,0\n3,-Infinity,1\n", ":3:2: '-Infinity' in column 'b' is not a finite number");
        yield return Case("one-class", "a,b,y\n1,2,yes\n3,4,yes\n5,6,yes\n", ": the target column 'y' has a single class ('yes')");
        yield return Case("no-target-column", "a,b,y\n1,2,0\n3,4,1\n", ": there is no target column 'label'; the columns are a, b, y", "--target", "label");
        yield return Case("missing-values", "a,b,y\n1,2,0\n3,NA,1\n,4,1\n5,?,0\n", ": 3 missing values (empty, NA, N/A, NaN, null, None or ?); the first at line 3, column 2 ('b'); use --missing mean|median|drop-rows", "--missing", "error");
        yield return Case("mixed-target", "a,b,y\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i % 7},{i % 5},{i * 1.5}\n")) + "1,2,oops\n",
            ":62:3: 'oops' in target column 'y' is not a number (60 of 61 cells are numbers); fix it, or pass --task classification to read every value as a class name");
        yield return Case("dash-for-missing", "a,b,y\n1,2,0\n3,-,1\n5,6,0\n7,8,1\n", ":3:2: '-' in column 'b' is not a number (3 of 4 cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical b");
        yield return Case("categorical-and-numeric", "a,b,y\n1,2,0\n3,4,1\n", ": column 'a' is named in both --categorical and --numeric", "--categorical", "a", "--numeric", "a");
        yield return Case("numeric-on-target", "a,b,y\n1,2,0\n3,4,1\n", ": column 'y' is a target; --categorical and --numeric are for feature columns (--task classification|regression decides how a target is read)", "--numeric", "y");
        yield return Case("text-regression-target", "a,b,y\n1,2,0.5\n3,4,x\n", ":3:3: 'x' in target column 'y' is not a finite number", "--task", "regression", "--val-split", "0");
    }

    private static TestCaseData Case(string name, string text, string expected, params string[] args) =>
        new TestCaseData(name, text, expected, args).SetName($"Refuses {name}");

    [TestCaseSource(nameof(Corpus))]
    public void Refuses_a_broken_file_with_one_line_and_exit_code_2(string name, string text, string expected, string[] args)
    {
        string path = _files.Write(name + ".csv", text);

        var run = CliRun.Train([path, .. args]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.Error);
            Assert.That(run.Error, Does.StartWith($"error: {path}{expected}"));
            Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
        });
    }

    [Test]
    public void Finds_an_unclosed_quote_past_the_sampled_rows()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"{i % 7};{i % 5};{i % 2}").ToList();
        lines[2000] = "1;\"2;0";
        string path = _files.Write("late-quote.csv", "a;b;y\n" + string.Join("\n", lines) + "\n");

        var run = CliRun.Train(path);

        Assert.That(run.Error, Does.StartWith($"error: {path}:2002:2: a quoted field that starts on this line is never closed: '1;\"2;0 "));
    }

    [Test]
    public void Refuses_binary_garbage()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[100] = 0;
        string path = _files.WriteBytes("garbage.csv", bytes);

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Does.StartWith($"error: {path}: byte ").And.Contains("expected a text CSV file, and this looks binary"));
        });
    }

    [Test]
    public void Refuses_a_file_that_does_not_exist()
    {
        var run = CliRun.Train(_files.PathOf("absent.csv"));

        Assert.That(run.Error, Does.StartWith($"error: {_files.PathOf("absent.csv")}: file not found"));
    }

    [Test]
    public void Finds_a_ragged_row_past_the_sampled_rows()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"{i % 7},{i % 5},{i % 2}").ToList();
        lines[2500] = "1,2";
        string path = _files.Write("late-ragged.csv", "a,b,y\n" + string.Join("\n", lines) + "\n");

        var run = CliRun.Train(path);

        Assert.That(run.Error, Does.StartWith($"error: {path}:2502:3: this row has 2 fields, but the first row has 3"));
    }

    [Test]
    public void Finds_inf_past_the_sampled_rows()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"{i % 7},{i % 5},{i % 2}").ToList();
        lines[2999] = "1,inf,0";
        string path = _files.Write("late-inf.csv", "a,b,y\n" + string.Join("\n", lines) + "\n");

        var run = CliRun.Train(path);

        Assert.That(run.Error, Does.StartWith($"error: {path}:3001:2: 'inf' in column 'b' is not a finite number"));
    }
}
