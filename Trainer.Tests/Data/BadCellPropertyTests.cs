using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>
/// One numeric cell of a shipped dataset replaced by a bad token, at any row (digits has 1,797, past any sniffing
/// window): the run ends with exit 2 naming exactly that line and column, or, for a missing-value word, trains only
/// when --missing allows it, and then with every column still numeric.
/// </summary>
public sealed class BadCellPropertyTests
{
    /// <summary>Every token of the issue that is neither a number nor a missing value.</summary>
    public static readonly string[] NotNumbers =
    [
        "0.2.1", "12.5.1", "-", "0x10", "1_000", "50%", "true", "٣٫٥", "٣", "３.５", "\u00A03.5", "−3.5", "\"1,5\"", "1e", "e5", ".", "+", "--1",
        "abc", "inf", "-Infinity", "∞", "1e400", "-1e39", "1 000", "3.5\u00A0", "0b101", "1d", "1f", "$5", "5€",
    ];

    /// <summary>The missing-value words of docs/csv-reading.md, and cells that are empty once trimmed.</summary>
    public static readonly string[] Missing = ["", "  ", "\t", "NA", "N/A", "n/a", "NaN", "nan", "NAN", "-nan", "-NaN", "null", "NULL", "None", "?", "\" NA \""];

    private static readonly string[] Datasets = ["iris.csv", "wine.csv", "diabetes.csv", "breast-cancer.csv", "digits.csv"];

    public sealed record Case(string Dataset, int Row, int Column, byte[] Token, bool IsMissing, bool FillMissing)
    {
        public override string ToString() => $"{Dataset} data row {Row} column {Column}: '{Encoding.UTF8.GetString(Token)}' ({Convert.ToHexString(Token)}), missing {IsMissing}, fill {FillMissing}";
    }

    public static class Cases
    {
        public static Arbitrary<Case> Arbitrary() => Gen().ToArbitrary();

        private static Gen<Case> Gen() =>
            from dataset in FsCheck.Fluent.Gen.Elements(Datasets)
            from row in FsCheck.Fluent.Gen.Choose(0, File.ReadLines(RepoPaths.Data(dataset)).Count() - 2)
            from column in FsCheck.Fluent.Gen.Elements(VaryingColumns(dataset))
            from kind in FsCheck.Fluent.Gen.Choose(0, 2)
            from notNumber in FsCheck.Fluent.Gen.Elements(NotNumbers)
            from missing in FsCheck.Fluent.Gen.Elements(Missing)
            from bytes in FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Choose(0x80, 0xFF).Select(b => (byte)b)).Where(b => b.Length is > 0 and < 8)
            from digits in FsCheck.Fluent.Gen.Elements("", "1", "2.5")
            from fill in FsCheck.Fluent.Gen.Elements(true, false)
            select kind switch
            {
                0 => new Case(dataset, row, column, Encoding.UTF8.GetBytes(notNumber), false, fill),
                1 => new Case(dataset, row, column, Encoding.UTF8.GetBytes(missing), true, fill),
                // Random bytes that are not ASCII can never be a number, valid UTF-8 or not.
                _ => new Case(dataset, row, column, [.. Encoding.ASCII.GetBytes(digits), .. bytes], false, fill),
            };
    }

    /// <summary>The numeric feature columns with more than one value (a constant column is dropped whatever it holds).</summary>
    private static int[] VaryingColumns(string dataset)
    {
        var rows = File.ReadLines(RepoPaths.Data(dataset)).Skip(1).Select(l => l.Split(',')).ToArray();
        int target = dataset == "digits.csv" || dataset == "iris.csv" || dataset == "wine.csv" || dataset == "diabetes.csv" || dataset == "breast-cancer.csv" ? rows[0].Length - 1 : -1;
        return [.. Enumerable.Range(0, rows[0].Length).Where(c => c != target && rows.Select(r => r[c]).Distinct().Skip(1).Any())];
    }

#pragma warning disable NUnit1027 // FsCheck supplies the argument, which the NUnit analyzer cannot see.
    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(Cases) }, MaxTest = 60)]
    public void A_bad_cell_is_named_or_a_missing_value_follows_the_policy(Case bad)
#pragma warning restore NUnit1027
    {
        using var files = new TempCsv();
        var lines = File.ReadAllLines(RepoPaths.Data(bad.Dataset));
        var fields = lines[bad.Row + 1].Split(',');
        var bytes = new List<byte>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (i == bad.Row + 1)
            {
                for (int c = 0; c < fields.Length; c++)
                {
                    bytes.AddRange(c == bad.Column ? bad.Token : Encoding.ASCII.GetBytes(fields[c]));
                    if (c < fields.Length - 1)
                        bytes.Add((byte)',');
                }
            }
            else
            {
                bytes.AddRange(Encoding.ASCII.GetBytes(lines[i]));
            }
            bytes.Add((byte)'\n');
        }
        string path = files.WriteBytes("bad.csv", [.. bytes]);
        int line = bad.Row + 2, column = bad.Column + 1;

        var run = bad.FillMissing ? CliRun.Train(path, "--missing", "mean") : CliRun.Train(path, "--missing", "error");

        if (bad.IsMissing && bad.FillMissing)
        {
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
                Assert.That(run.Line("data: "), Does.Not.Contain("one-hot"), "every column is still numeric");
                Assert.That(run.Line("missing: "), Does.Match(@"^missing: '[^']+': 1 value filled with the training rows' mean "));
            });
        }
        else if (bad.IsMissing)
        {
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
                Assert.That(run.Error, Does.Contain($": 1 missing value (empty, NA, N/A, NaN, null, None or ?); the first at line {line}, column {column} ("));
            });
        }
        else
        {
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
                Assert.That(run.Error, Does.StartWith($"error: {path}:{line}:{column}: "));
                Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one line");
            });
        }
    }
}
