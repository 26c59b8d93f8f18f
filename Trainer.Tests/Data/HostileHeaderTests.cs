using System.Text;
using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Headers the sniff misread (issue 22): pandas' integer column names beside a named target, and a
/// second byte order mark kept in the first column's name.</summary>
public sealed class HostileHeaderTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    [TestCase("0,1,y")]
    [TestCase("1,2,y")]
    public void Integer_column_names_beside_a_named_target_are_a_header(string header)
    {
        var random = new Random(2);
        var text = new StringBuilder(header + "\n");
        for (int i = 0; i < 60; i++)
            text.Append(System.FormattableString.Invariant($"{random.Next(10)},{random.Next(10)},{(i % 3 == 0 ? "a" : "b")}\n"));
        string path = _files.Write("pandas.csv", text.ToString());

        var data = PreparedData.Load(path, null, null, 0, new Random(1));

        Assert.That(data.Preprocessing.TargetNames, Is.EqualTo(new[] { "y" }));
        Assert.That(data.Preprocessing.ClassNames, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(data.Rows, Is.EqualTo(60));
    }

    [Test]
    public void A_first_row_of_numbers_and_a_recurring_label_is_still_data()
    {
        string path = _files.Write("data.csv", "0,1,b\n3,4,a\n5,2,b\n1,1,a\n");

        var data = PreparedData.Load(path, null, null, 0, new Random(1));

        Assert.That(data.Rows, Is.EqualTo(4));
    }

    [Test]
    public void Two_byte_order_marks_leave_no_mark_in_the_first_name()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        string path = _files.WriteBytes("boms.csv", [.. bom, .. bom, .. Encoding.UTF8.GetBytes("a,b,y\n1,2,x\n3,4,z\n5,6,x\n7,8,z\n")]);

        var run = CliRun.Train(path, "--target", "a", "--task", "regression", "--val-split", "0");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(CsvLoader.ReadHeader(path, DataOptions.Default), Is.EqualTo(new[] { "a", "b", "y" }));
    }
}

/// <summary>Target labels that differ only in case or spaces stay separate classes, with a line naming them (issue 22).</summary>
public sealed class LookAlikeClassTests
{
    [Test]
    public void Classes_that_differ_only_in_case_or_spaces_are_named_in_a_line()
    {
        using var folder = new TempFolder();
        var rows = Enumerable.Range(0, 80).Select(i => $"{i % 7},{(i % 4) switch { 0 => "yes", 1 => "Yes", 2 => "YES", _ => "no" }}");
        string path = folder.File("labels.csv", "x,answer\n" + string.Join("\n", rows) + "\n");

        var run = CliRun.Train(path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Line("classes: "), Is.EqualTo("classes: 'YES', 'Yes' and 'yes' in target 'answer' differ only in case or spaces; read as 3 classes; write them alike to make them one"));
    }
}
