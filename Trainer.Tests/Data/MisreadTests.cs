using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>The silent misreads of issue 11, one test each: every one is now read as meant or refused naming its cell.</summary>
public sealed class MisreadTests
{
    private const string Fix = "fix it, mark it missing (empty or NA), or pass --categorical sepal_width";

    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    /// <summary>iris with one cell of sepal_width (line 41, column 2) replaced.</summary>
    private string IrisWith(string token, string name = "iris.csv")
    {
        var lines = File.ReadAllLines(RepoPaths.Data("iris.csv"));
        var fields = lines[40].Split(',');
        fields[1] = token;
        lines[40] = string.Join(',', fields);
        return _files.Write(name, string.Join('\n', lines) + "\n");
    }

    [TestCase("0.2.1")]
    [TestCase("-")]
    [TestCase("0x10")]
    [TestCase("1_000")]
    [TestCase("50%")]
    [TestCase("true")]
    [TestCase("٣٫٥")]
    [TestCase("３.５")]
    [TestCase("\u00A03.5")]
    [TestCase("−3.5")]
    public void One_bad_cell_is_an_error_naming_it_not_a_text_column(string token)
    {
        string path = IrisWith(token);

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: {path}:41:2: '{token}' in column 'sepal_width' is not a number (149 of 150 cells are numbers); {Fix}\n"));
        });
    }

    [TestCase("1e400")]
    [TestCase("-1e39")]
    [TestCase("inf")]
    public void An_overflow_is_an_error_naming_its_cell(string token)
    {
        string path = IrisWith(token);

        var run = CliRun.Train(path);

        Assert.That(run.Error, Is.EqualTo($"error: {path}:41:2: '{token}' in column 'sepal_width' is not a finite number; expected a number within ±3.4e38 (a float)\n"));
    }

    [Test]
    public void A_megabyte_of_digits_is_an_error_with_the_cell_cut()
    {
        string path = IrisWith(new string('7', 1 << 20));

        var run = CliRun.Train(path);

        Assert.That(run.Error, Is.EqualTo($"error: {path}:41:2: '{new string('7', 40)}... (1,048,576 characters)' in column 'sepal_width' is not a finite number; expected a number within ±3.4e38 (a float)\n"));
    }

    [TestCase("nan")]
    [TestCase("NAN")]
    [TestCase("-nan")]
    [TestCase("None")]
    [TestCase("  ")]
    public void Missing_words_are_missing_in_every_row(string token)
    {
        string path = IrisWith(token);

        var refused = CliRun.Train(path, "--missing", "error");
        var filled = CliRun.Train(path, "--missing", "mean");

        Assert.Multiple(() =>
        {
            Assert.That(refused.Error, Is.EqualTo($"error: {path}: 1 missing value (empty, NA, N/A, NaN, null, None or ?); the first at line 41, column 2 ('sepal_width'); use --missing mean|median|drop-rows\n"));
            Assert.That(filled.ExitCode, Is.EqualTo(ExitCodes.Success), filled.Error);
            Assert.That(filled.Line("data: "), Does.Contain(": 150 rows, 4 features; target 'species'"));
        });
    }

    [Test]
    public void A_bad_cell_past_the_sniffed_rows_of_a_wide_file_is_an_error_naming_it()
    {
        // Fashion-MNIST's shape in small: 200 pixel columns, 3,000 rows, one '12.5.1' far below the first rows.
        var rows = Enumerable.Range(0, 3000).Select(r => string.Join(',', Enumerable.Range(0, 201).Select(c => ((r * 7 + c) % 256).ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
        var cells = rows[2500].Split(',');
        cells[37] = "12.5.1";
        rows[2500] = string.Join(',', cells);
        string path = _files.Write("wide.csv", "label," + string.Join(',', Enumerable.Range(1, 200).Select(c => $"pixel{c}")) + "\n" + string.Join('\n', rows) + "\n");

        var error = Assert.Throws<InputException>(() => CsvLoader.Load(path, ["label"], DataOptions.Default));

        Assert.That(error.Message, Is.EqualTo($"{path}:2502:38: '12.5.1' in column 'pixel37' is not a number (2999 of 3000 cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical pixel37"));
    }

    [Test]
    public void A_quoted_thousands_separator_is_an_error_not_fifteen()
    {
        string path = _files.Write("t.csv", "a,b,y\n1,2,0\n\"1,5\",3,1\n2,4,0\n3,1,1\n");

        var error = Assert.Throws<InputException>(() => CsvLoader.Load(path, null, DataOptions.Default));

        Assert.That(error.Message, Is.EqualTo($"{path}:3:1: '1,5' in column 'a' is not a number, as thousands separators are not read and the decimal separator is '.' (3 of 4 cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical a"));
    }

    [Test]
    public void A_decimal_comma_first_seen_after_the_sniffed_rows_is_refused_not_read_as_45()
    {
        var rows = Enumerable.Range(0, 1500).Select(i => $"{i % 7};{i % 5};{i % 2}").ToList();
        rows[1200] = "4,5;3;1";
        string path = _files.Write("late.csv", "a;b;y\n" + string.Join('\n', rows) + "\n");

        var error = Assert.Throws<InputException>(() => CsvLoader.Load(path, null, DataOptions.Default));
        var forced = CsvLoader.Load(path, null, DataOptions.Default with { DecimalComma = true });

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo($"{path}:1202:1: '4,5' in column 'a' is not a number, as the decimal separator is '.' (pass --decimal-comma if the file writes 4,5) (1499 of 1500 cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical a"));
            Assert.That(forced.Number(1200, forced.Features[0]), Is.EqualTo(4.5f));
        });
    }

    [Test]
    public void Latin1_bytes_are_an_error_naming_line_and_byte_unless_the_encoding_is_given()
    {
        string path = _files.WriteBytes("l.csv", Encoding.Latin1.GetBytes("x,colour,y\n1,réd,0\n2,rèd,1\n3,rêd,0\n4,réd,1\n"));

        var error = Assert.Throws<InputException>(() => CsvLoader.Load(path, null, DataOptions.Default));
        var latin1 = CsvLoader.Load(path, null, DataOptions.Default with { Encoding = "latin1" });
        var cp1252 = CsvLoader.Load(path, null, DataOptions.Default with { Encoding = "windows-1252" });

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo($"{path}:2:2: byte 2 of the field is 0xE9, which is not UTF-8 ('r\uFFFDd'); the file is read as UTF-8 unless --encoding says otherwise, e.g. --encoding latin1 or --encoding windows-1252"));
            Assert.That(latin1.Features[1].Texts, Is.EqualTo(new[] { "réd", "rèd", "rêd", "réd" }));
            Assert.That(cp1252.Features[1].Texts, Is.EqualTo(new[] { "réd", "rèd", "rêd", "réd" }));
        });
    }

    [Test]
    public void Latin1_labels_are_not_merged_into_a_single_class()
    {
        string path = _files.WriteBytes("cafe.csv", Encoding.Latin1.GetBytes("x,y\n1,café\n2,cafè\n3,café\n4,cafè\n"));

        var refused = CliRun.Train(path);
        var read = CliRun.Train(path, "--encoding", "latin1", "--val-split", "0");

        Assert.Multiple(() =>
        {
            Assert.That(refused.Error, Does.StartWith($"error: {path}:2:2: byte 4 of the field is 0xE9, which is not UTF-8"));
            Assert.That(read.ExitCode, Is.EqualTo(ExitCodes.Success), read.Error);
            Assert.That(read.Line("task: "), Is.EqualTo("task: classification, 2 classes: cafè (2), café (2)"));
            Assert.That(read.Line("csv: "), Does.EndWith(", encoding iso-8859-1"));
        });
    }

    [Test]
    public void An_unknown_encoding_is_a_usage_error()
    {
        string path = _files.Write("ok.csv", "x,y\n1,0\n2,1\n");

        var run = CliRun.Train(path, "--encoding", "klingon");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Does.Contain("--encoding: 'klingon' is not an encoding .NET knows"));
        });
    }

    [Test]
    public void No_header_on_a_file_with_a_header_is_an_error()
    {
        string path = _files.Write("iris.csv", File.ReadAllText(RepoPaths.Data("iris.csv")));

        var run = CliRun.Train(path, "--no-header");

        Assert.That(run.Error, Is.EqualTo($"error: {path}:1: --no-header, but the first row looks like a header: every cell is text ('sepal_length', 'sepal_width', 'petal_length', 'petal_width', ...) and the rows below hold numbers in column 1; leave out --no-header to use it as the header\n"));
    }

    [Test]
    public void Labels_and_fields_are_trimmed()
    {
        string path = _files.Write("labels.csv", "a,b,y\n1,2, setosa\n2,3,setosa \n3,4,\" virginica\"\n4,5,\tvirginica\n5,1,setosa\n6,2,virginica\n");

        var run = CliRun.Train(path, "--val-split", "0");

        Assert.That(run.Line("task: "), Is.EqualTo("task: classification, 2 classes: setosa (3), virginica (3)"));
    }

    [Test]
    public void A_split_that_would_hold_out_no_row_is_an_error_with_the_fix()
    {
        string path = _files.Write("two.csv", "a,y\n1,x\n2,z\n");

        var run = CliRun.Train(path, "--epochs", "20", "--patience", "3");

        Assert.Multiple(() =>
        {
            Assert.That(run.Error, Is.EqualTo($"error: {path}: 2 usable rows are too few to hold out 20% for validation (no row would be held out); pass --val-split 0 to train on every row without validation\n"));
            Assert.That(run.Output, Does.Not.Contain("best"));
        });
    }

    [Test]
    public void Classes_of_one_row_each_are_split_without_stratification_and_say_so()
    {
        string path = _files.Write("one.csv", "a,y\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},c{i}\n")));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("split: a"), Is.EqualTo("split: a stratified split of 10 classes (as few as 1 rows each) would hold out 0% of the rows instead of 20%; the rows were split without stratification"));
            Assert.That(run.Line("split: 8"), Is.EqualTo("split: 8 train, 2 validation (seed 1)"));
        });
    }

    [Test]
    public void A_thousand_classes_of_three_rows_hold_out_the_share_asked_and_say_so()
    {
        string path = _files.Write("many.csv", "a,y\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"{i % 17},k{i / 3}\n")));

        var run = CliRun.Train(path);

        Assert.Multiple(() =>
        {
            Assert.That(run.Line("split: a"), Is.EqualTo("split: a stratified split of 1000 classes (as few as 3 rows each) would hold out 33% of the rows instead of 20%; the rows were split without stratification"));
            Assert.That(run.Line("split: 2"), Is.EqualTo("split: 2400 train, 600 validation (seed 1)"));
        });
    }

    [Test]
    public void Classes_too_small_for_a_validation_row_are_named_in_one_line()
    {
        string path = _files.Write("small.csv", "a,y\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i % 13},{(i < 98 ? $"c{i % 4}" : "rare")}\n")));

        var run = CliRun.Train(path);

        Assert.That(run.Line("split: 1"), Is.EqualTo("split: 1 of 5 classes have too few rows to hold one out; they have no validation row (the split is stratified)"));
    }

    [Test]
    public void A_huge_text_cell_is_cut_in_the_summary()
    {
        string huge = new('z', 200_000);
        string path = _files.Write("big.csv", "a,b,y\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{i % 3},{(i % 2 == 1 ? "setosa" : huge)}\n")));

        var run = CliRun.Train(path, "--val-split", "0");

        Assert.That(run.Line("task: "), Is.EqualTo($"task: classification, 2 classes: setosa (10), {new string('z', 40)}... (200,000 characters) (10)"));
    }

    [Test]
    public void A_space_delimiter_works()
    {
        string path = _files.Write("space.txt", "a b y\n1 2 0\n3 4 1\n5 6 0\n7 8 1\n");

        var run = CliRun.Train(path, "--delimiter", " ", "--val-split", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("csv: "), Is.EqualTo("csv: delimiter space, header yes (sniffed), decimal point (sniffed), encoding utf-8"));
            Assert.That(run.Line("data: "), Does.Contain(": 4 rows, 2 features; target 'y'"));
        });
    }

    [Test]
    public void Categorical_and_numeric_override_the_inference()
    {
        string path = _files.Write("codes.csv", "zip,size,y\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{1000 + i % 4},{(i == 7 ? "" : (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture))},{i % 2}\n")));

        var run = CliRun.Train(path, "--categorical", "zip", "--numeric", "size", "--missing", "mean", "--val-split", "0");
        var refused = CliRun.Train(IrisWith("oops"), "--numeric", "sepal_width");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("         zip "), Is.EqualTo("         zip   categorical        0  4 categories: 1000, 1001, 1002, 1003"));
            Assert.That(run.Line("         size "), Does.StartWith("         size  numeric            1  mean 0.9"));
            Assert.That(refused.Error, Does.EndWith(":41:2: 'oops' in column 'sepal_width' is not a number; expected a number, as --numeric sepal_width says, or a missing value (empty, NA, N/A, NaN, null, None or ?)\n"));
        });
    }

    [Test]
    public void Id_like_text_and_too_many_categories_are_dropped_with_how_to_keep_them()
    {
        string path = _files.Write("ids.csv", "name,code,x,y\n" + string.Concat(Enumerable.Range(0, 1200).Select(i => $"n{i},c{i % 1100},{i % 7},{i % 2}\n")));

        var run = CliRun.Train(path);
        var kept = CliRun.Train(path, "--categorical", "code");

        Assert.Multiple(() =>
        {
            Assert.That(run.Line("dropped: name"), Is.EqualTo("dropped: name: ID-like: a different text in every row; pass --categorical name to keep it"));
            Assert.That(run.Line("dropped: code"), Is.EqualTo("dropped: code: 1,100 categories, more than 1,000; pass --categorical code to keep it"));
            Assert.That(kept.Line("data: "), Does.Contain("1101 features after encoding (1 numeric, 1100 one-hot from 1 text column)"));
        });
    }

    [Test]
    public void A_column_of_many_numbers_and_many_texts_is_categorical_with_a_note()
    {
        // Titanic's Ticket: mostly numbers, a quarter text; not a numeric column with a typo.
        string path = _files.Write("ticket.csv", "ticket,x,y\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{(i % 4 == 1 ? $"PC {i % 3}" : $"{1000 + i % 6}")},{i % 7},{i % 2}\n")));

        var run = CliRun.Train(path, "--val-split", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("mixed: "), Is.EqualTo("mixed: column 'ticket' has numbers and text (30 of 40 cells are numbers; the first text, 'PC 1', at line 3): read as categorical; pass --categorical ticket to confirm it, or --numeric ticket to have the text refused"));
            Assert.That(run.Line("         ticket "), Does.StartWith("         ticket  categorical        0  9 categories: "));
        });
    }

    [Test]
    public void A_text_column_of_nearly_all_different_values_is_dropped_as_id_like()
    {
        string path = _files.Write("names.csv", "name,x,y\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{(i == 50 ? "n0" : $"n{i}")},{i % 7},{i % 2}\n")));

        var run = CliRun.Train(path);

        Assert.That(run.Line("dropped: name"), Is.EqualTo("dropped: name: ID-like: 99 different texts in 100 values; pass --categorical name to keep it"));
    }

    [Test]
    public void The_summary_table_stays_short_for_a_wide_file()
    {
        string path = _files.Write("wide.csv", "label," + string.Join(',', Enumerable.Range(1, 100).Select(c => $"p{c}")) + ",colour\n"
            + string.Concat(Enumerable.Range(0, 30).Select(r => $"{r % 2}," + string.Join(',', Enumerable.Range(1, 100).Select(c => ((r + c) % 11).ToString(System.Globalization.CultureInfo.InvariantCulture))) + $",{(r % 3 == 0 ? "red" : "blue")}\n")));

        var run = CliRun.Train(path, "--val-split", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.Line("columns: "), Is.EqualTo("columns: name            type         missing  values"));
            Assert.That(run.Line("         p1..p100 (100) "), Does.Match(@"^         p1\.\.p100 \(100\)  numeric            0  mean \S+ to \S+$"));
            Assert.That(run.Line("         colour "), Is.EqualTo("         colour          categorical        0  2 categories: blue, red"));
        });
    }

    [Test]
    public void A_named_pipe_is_read_once()
    {
        string fifo = _files.PathOf("data.fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
            mkfifo.WaitForExit();
        string text = File.ReadAllText(RepoPaths.Data("iris.csv"));
        var writer = Task.Run(() => File.WriteAllText(fifo, text));

        var run = CliRun.Train(fifo);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Line("data: "), Does.StartWith($"data: {fifo}: 150 rows, 4 features"));
            Assert.That(writer.Wait(TimeSpan.FromSeconds(30)), Is.True);
        });
    }

    [Test]
    public void A_pipe_opened_by_its_fd_path_is_read_once_like_a_process_substitution()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        string path = $"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}";
        byte[] bytes = File.ReadAllBytes(RepoPaths.Data("iris.csv"));
        var writer = Task.Run(() =>
        {
            pipe.Write(bytes);
            pipe.Dispose();
        });

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Rows, Is.EqualTo(150));
            Assert.That(raw.Path, Is.EqualTo(path));
            Assert.That(writer.Wait(TimeSpan.FromSeconds(30)), Is.True);
        });
    }

    [Test]
    public void Standard_input_is_read_with_a_dash()
    {
        string trainer = Path.Combine(AppContext.BaseDirectory, "Trainer.dll");
        string model = _files.PathOf("m.json");
        var start = new ProcessStartInfo("dotnet", [trainer, "-", "--epochs", "1", "--blas", "managed", "--save", model])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(File.ReadAllText(RepoPaths.Data("iris.csv")));
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.Contain("data: -: 150 rows, 4 features"));
            Assert.That(Directory.GetFiles(Path.GetTempPath(), $"neuralnet-{process.Id}-*.csv"), Is.Empty, "the copy is deleted");
        });
    }
}
