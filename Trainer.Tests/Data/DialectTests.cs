using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>The dialect of a file is sniffed (delimiter, header, decimal comma) unless overridden, and quoting, byte
/// order marks, CRLF and blank lines are read as they mean.</summary>
public sealed class DialectTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    [TestCase(",")]
    [TestCase(";")]
    [TestCase("\t")]
    [TestCase("|")]
    public void Sniffs_the_delimiter(string delimiter)
    {
        string path = _files.Write("d.csv", string.Join('\n', "x" + delimiter + "name" + delimiter + "y", "1.5" + delimiter + "a" + delimiter + "0", "-2" + delimiter + "b" + delimiter + "1") + "\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Dialect, Is.EqualTo(new CsvDialect(delimiter[0], true, false)));
            Assert.That(raw.FeatureNames, Is.EqualTo(new[] { "x", "name" }));
            Assert.That(raw.Numbers[..2], Is.EqualTo(new[] { 1.5f, -2f }));
            Assert.That(raw.Features[1].Texts, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(raw.Targets[0].Texts, Is.EqualTo(new[] { "0", "1" }));
        });
    }

    [Test]
    public void Reads_quoted_fields_with_quotes_delimiters_and_line_breaks_inside()
    {
        string path = _files.Write("q.csv", "x,\"the, name\",y\n1,\"say \"\"hi\"\", then go\",0\n2,\"two\nlines\",1\n3,plain,0\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.FeatureNames, Is.EqualTo(new[] { "x", "the, name" }));
            Assert.That(raw.Features[1].Texts, Is.EqualTo(new[] { "say \"hi\", then go", "two\nlines", "plain" }));
            Assert.That(raw.Lines, Is.EqualTo(new[] { 2, 3, 5 }));
        });
    }

    [Test]
    public void Reads_a_byte_order_mark_CRLF_and_blank_trailing_lines()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        string path = _files.WriteBytes("bom.csv", [.. bom, .. System.Text.Encoding.UTF8.GetBytes("a,b,y\r\n1,2,0\r\n3,4,1\r\n\r\n\r\n")]);

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.FeatureNames, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(raw.Rows, Is.EqualTo(2));
            Assert.That(raw.Numbers[..4], Is.EqualTo(new[] { 1f, 2f, 3f, 4f }));
            Assert.That(raw.Targets[0].Texts, Is.EqualTo(new[] { "0", "1" }));
        });
    }

    [Test]
    public void Sniffs_a_decimal_comma_when_the_delimiter_is_a_semicolon()
    {
        string path = _files.Write("eu.csv", "x;z;y\n1,5;1234,5;0\n-0,25;2;1\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Dialect, Is.EqualTo(new CsvDialect(';', true, true)));
            Assert.That(raw.Numbers[..4], Is.EqualTo(new[] { 1.5f, 1234.5f, -0.25f, 2f }));
        });
    }

    [Test]
    public void Refuses_thousands_separators_in_a_decimal_comma_file()
    {
        string path = _files.Write("eu.csv", "x;z;y\n1,5;1.234,5;0\n-0,25;2;1\n-0,5;3;1\n");

        var error = Assert.Throws<InputException>(() => CsvLoader.Load(path, null, DataOptions.Default));

        Assert.That(error.Message, Is.EqualTo($"{path}:2:2: '1.234,5' in column 'z' is not a number, as thousands separators are not read (2 of 3 cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical z"));
    }

    [Test]
    public void Reads_a_decimal_point_with_a_semicolon_when_no_field_has_a_comma()
    {
        string path = _files.Write("dot.csv", "x;y\n1.5;0\n2.25;1\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.That(raw.Numbers[..2], Is.EqualTo(new[] { 1.5f, 2.25f }));
    }

    [Test]
    public void Takes_a_first_row_of_numbers_as_data_and_names_the_columns()
    {
        string path = _files.Write("nohead.csv", "1,2,0\n3,4,1\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Dialect.HasHeader, Is.False);
            Assert.That(raw.FeatureNames, Is.EqualTo(new[] { "col1", "col2" }));
            Assert.That(raw.TargetNames, Is.EqualTo(new[] { "col3" }));
            Assert.That(raw.Rows, Is.EqualTo(2));
            Assert.That(raw.Lines, Is.EqualTo(new[] { 1, 2 }));
        });
    }

    [Test]
    public void Takes_a_first_row_whose_label_recurs_below_as_data()
    {
        string path = _files.Write("iris-nohead.csv", "5.1,3.5,setosa\n4.9,3.0,setosa\n6.3,2.9,virginica\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Dialect.HasHeader, Is.False);
            Assert.That(raw.Rows, Is.EqualTo(3));
        });
    }

    [Test]
    public void Takes_a_row_of_names_above_text_columns_as_a_header()
    {
        string path = _files.Write("text.csv", "colour,size\nred,small\nblue,large\nred,large\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Dialect.HasHeader, Is.True);
            Assert.That(raw.FeatureNames, Is.EqualTo(new[] { "colour" }));
        });
    }

    [Test]
    public void Overrides_win_over_sniffing()
    {
        string path = _files.Write("over.csv", "1,5|b;c\n3|2;0\n2,25|4;1\n");
        var options = DataOptions.Default with { Delimiter = '|', HasHeader = false, DecimalComma = true };

        var raw = CsvLoader.Load(path, null, options);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Dialect, Is.EqualTo(new CsvDialect('|', false, true)));
            Assert.That(raw.Rows, Is.EqualTo(3));
            Assert.That(raw.Targets[0].Texts, Is.EqualTo(new[] { "b;c", "2;0", "4;1" }));
            Assert.That(raw.Numbers, Is.EqualTo(new[] { 1.5f, 3f, 2.25f }));
        });
    }

    [Test]
    public void Reads_a_file_longer_than_its_estimate_again_exactly()
    {
        // Long rows first make the estimate from the sampled rows far too small for the short rows after them.
        var lines = Enumerable.Range(0, 1200).Select(i => $"{i}.000000000000000001,{i % 3}")
            .Concat(Enumerable.Range(0, 20000).Select(i => $"{i % 10},{i % 3}"));
        string path = _files.Write("long-then-short.csv", "x,y\n" + string.Join('\n', lines) + "\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Rows, Is.EqualTo(21200));
            Assert.That(raw.Numbers[21199], Is.EqualTo(9f));
            Assert.That(raw.Lines[^1], Is.EqualTo(21201));
            Assert.That(raw.Targets[0].Texts, Has.Length.EqualTo(21200));
        });
    }

    [Test]
    public void A_word_among_a_few_distinct_numbers_is_a_level_of_a_categorical_column_with_a_note()
    {
        // R's Cars93: Cylinders is 3, 4, 5, 6, 8 and 'rotary' (a factor written as text); 'rotary' holds 2 % of the rows.
        var lines = Enumerable.Range(0, 98).Select(i => $"{new[] { 3, 4, 5, 6, 8 }[i % 5]},{i % 2}").ToList();
        lines.Insert(40, "rotary,1");
        lines.Insert(70, "rotary,0");
        string path = _files.Write("levels.csv", "cylinders,y\n" + string.Join('\n', lines) + "\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.That(raw.Features[0].Kind, Is.EqualTo(ColumnKind.Text));
        Assert.That(raw.Features[0].Texts![40], Is.EqualTo("rotary"));
        Assert.That(raw.Features[0].Texts![0], Is.EqualTo("3"));
        Assert.That(raw.Notes, Has.One.EqualTo("levels: column 'cylinders' has 5 distinct numbers and the word 'rotary' (line 42): read as categorical, one level each; pass --numeric cylinders to have the words refused"));
    }

    [TestCase("4O", 6)]   // a mistyped number is no level, however often
    [TestCase("many", 1)] // a word in under 1 % of the rows is a stray
    public void A_stray_among_a_few_distinct_numbers_is_still_refused(string stray, int times)
    {
        var lines = Enumerable.Range(0, 300).Select(i => $"{i % 4},{i % 2}").ToList();
        for (int k = 0; k < times; k++)
            lines[200 + 10 * k] = $"{stray},1";
        string path = _files.Write("stray.csv", "x,y\n" + string.Join('\n', lines) + "\n");

        var error = Assert.Throws<InputException>(() => CsvLoader.Load(path, null, DataOptions.Default));

        Assert.That(error.Message, Does.StartWith($"{path}:202:1: '{stray}' in column 'x' is not a number"));
    }

    [Test]
    public void Refuses_a_text_cell_past_the_sampled_rows_in_a_numeric_column()
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"{i % 4},{i % 2}").ToList();
        lines[2800] = "many,1";
        string path = _files.Write("late-text.csv", "x,y\n" + string.Join('\n', lines) + "\n");

        var error = Assert.Throws<InputException>(() => CsvLoader.Load(path, null, DataOptions.Default));

        Assert.That(error.Message, Is.EqualTo($"{path}:2802:1: 'many' in column 'x' is not a number (2999 of 3000 cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical x"));
    }

    [Test]
    public void Reads_a_column_of_text_with_a_few_codes_past_the_sampled_rows_as_text()
    {
        // The first rows are numeric codes; the 29,000 rows after them are text: read again as text, codes included.
        var lines = Enumerable.Range(0, 30000).Select(i => i < 1000 ? $"{i % 3},{i % 2}" : $"size{i % 5},{i % 2}").ToList();
        string path = _files.Write("codes.csv", "x,y\n" + string.Join('\n', lines) + "\n");

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Features[0].Kind, Is.EqualTo(ColumnKind.Text));
            Assert.That(raw.Features[0].Texts![2], Is.EqualTo("2"));
            Assert.That(raw.Features[0].Texts![29999], Is.EqualTo("size4"));
        });
    }

    [Test]
    public void Reads_UTF16_with_its_byte_order_mark()
    {
        string path = _files.WriteBytes("u16.csv", System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("a,b,y\r\n1,2,0\r\n3,4,1\r\n")).ToArray());

        var raw = CsvLoader.Load(path, null, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(raw.FeatureNames, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(raw.Numbers[..4], Is.EqualTo(new[] { 1f, 2f, 3f, 4f }));
        });
    }

    [Test]
    public void Finds_targets_by_negative_index_and_refuses_dropping_a_target()
    {
        string path = _files.Write("t.csv", "a,b,c\n1,2,3\n4,5,6\n");

        var raw = CsvLoader.Load(path, ["-2"], DataOptions.Default);
        var error = Assert.Throws<InputException>(() => CsvLoader.Load(path, ["c"], DataOptions.Default with { Drop = ["c"] }));

        Assert.Multiple(() =>
        {
            Assert.That(raw.TargetNames, Is.EqualTo(new[] { "b" }));
            Assert.That(raw.FeatureNames, Is.EqualTo(new[] { "a", "c" }));
            Assert.That(error.Message, Does.EndWith("t.csv: column 'c' is both a target and dropped with --drop"));
        });
    }
}
