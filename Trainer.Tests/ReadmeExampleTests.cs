using System.Text.RegularExpressions;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests;

/// <summary>
/// Runs README.md's examples so the README cannot go stale: every block marked <c>&lt;!-- example: bad-input --&gt;</c>
/// (its <c>printf … &gt; FILE</c> lines make the files, its <c>neuralnet …</c> line is run in-process, its
/// <c>error:</c> line is the exact expected stderr), and the main iris example's line prefixes.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    private const string Marker = "<!-- example: bad-input -->";

    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");

    /// <summary>The lines of each marked block, between its opening and closing fences.</summary>
    public static IEnumerable<TestCaseData> BadInputExamples()
    {
        string[] lines = Readme.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != Marker)
                continue;
            Assert.That(lines[i + 1], Is.EqualTo("```"), $"README.md:{i + 2}: a fence must follow the marker");
            string[] block = [.. lines.Skip(i + 2).TakeWhile(line => line != "```")];
            yield return new TestCaseData((object)block).SetArgDisplayNames($"README.md:{i + 1}");
        }
    }

    [Test]
    public void The_readme_marks_its_bad_input_examples() =>
        Assert.That(BadInputExamples().Count(), Is.GreaterThanOrEqualTo(5));

    [TestCaseSource(nameof(BadInputExamples))]
    public void A_bad_input_example_prints_the_error_line_the_readme_shows(string[] block)
    {
        using var folder = new TempFolder();
        string[]? args = null;
        string? expected = null;
        foreach (string line in block)
        {
            if (PrintfLine().Match(line) is { Success: true } printf)
                File.WriteAllText(folder.File(printf.Groups[2].Value), Regex.Unescape(printf.Groups[1].Value));
            else if (line.StartsWith("$ neuralnet ", StringComparison.Ordinal))
                args = line["$ neuralnet ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            else if (line.StartsWith("error: ", StringComparison.Ordinal))
                expected = line;
            else
                Assert.Fail($"an example line the test cannot read: '{line}'");
        }
        Assert.That(args, Is.Not.Null, "the block has no '$ neuralnet …' line");
        Assert.That(expected, Is.Not.Null, "the block has no 'error:' line");

        // A path the README names is either a file the block made or one in the repository; the message names it
        // as given, so the test's folder is taken back out of the message.
        string[] resolved = [.. args!.Select(arg => File.Exists(Path.Combine(folder.Path, arg)) ? Path.Combine(folder.Path, arg)
            : arg.StartsWith("data/", StringComparison.Ordinal) ? Path.Combine(RepoPaths.Root, arg) : arg)];
        var run = CliRun.Of(resolved);
        string error = run.Error.Replace(folder.Path + "/", "", StringComparison.Ordinal)
            .Replace(RepoPaths.Root + "/", "", StringComparison.Ordinal).TrimEnd('\n', '\r');

        Assert.That(error, Is.EqualTo(expected), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
    }

    [Test]
    public void The_main_example_prints_the_lines_the_readme_shows_in_the_same_order()
    {
        const string Command = "`dotnet run -c Release --project Trainer -- data/iris.csv`:";
        int start = Readme.IndexOf(Command, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the README's main example is gone");
        string[] shown = Readme[start..].Split('\n').SkipWhile(line => line != "```").Skip(1).TakeWhile(line => line != "```").ToArray();

        using var folder = new TempFolder();
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--save", folder.File("iris.model.json"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        string[] printed = run.Output.ReplaceLineEndings("\n").Split('\n');

        Assert.That(Prefixes(printed), Is.EqualTo(Prefixes(shown)), run.ToString());
        Assert.That(Prefixes(shown).Distinct(), Is.EqualTo(new[] { "BLAS:", "data:", "csv:", "columns:", "task:", "split:", "picked:", "model:", "optimizer:" }));
        Assert.That(Header(printed), Is.EqualTo(Header(shown)), run.ToString());
        Assert.That(run.EpochRows, Is.Not.Empty, run.ToString());
    }

    /// <summary>The "word:" each line starts with, up to the epoch table's header.</summary>
    private static string[] Prefixes(string[] lines) => [.. lines.TakeWhile(line => !IsHeader(line))
        .Select(line => LinePrefix().Match(line)).Where(m => m.Success).Select(m => m.Value)];

    private static string Header(string[] lines) => lines.First(IsHeader).Trim();

    private static bool IsHeader(string line) => line.TrimStart().StartsWith("epoch  train_loss", StringComparison.Ordinal);

    [GeneratedRegex(@"^\$ printf '([^']*)' > (\S+)$")]
    private static partial Regex PrintfLine();

    [GeneratedRegex(@"^[A-Za-z]+:")]
    private static partial Regex LinePrefix();
}
