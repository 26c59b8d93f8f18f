using System.Text.RegularExpressions;
using NeuralNet.Layers;
using NeuralNet.Tests.Cli;
using NeuralNet.Tests.Readme;
using static NeuralNet.Tests.Readme.CommandForm;

namespace NeuralNet.Tests;

/// <summary>
/// Keeps the documentation's examples true: README.md and docs/*.md. Every fenced block that is not source code
/// (info string empty, sh, bash, shell, console or text) has its kind on the line above, <c>&lt;!-- example: KIND --&gt;</c>,
/// and holds only commands of the forms <see cref="ShellCommand"/> knows, allowed for its kind (<see cref="Kinds"/>);
/// anything else fails <see cref="Every_example_block_has_a_kind_and_only_commands_of_forms_the_test_knows"/>, so a
/// new example cannot be added unchecked. By kind:
/// <list type="bullet">
/// <item>run: run in order in a folder holding a copy of data/ (<see cref="ExampleFolder"/>), the trainer in-process;
/// each command exits 0 and prints the lines shown under it (<c>$ command</c> then its output), in order, numbers aside.</item>
/// <item>bad-input: the same, and the command shown with an <c>error:</c> line prints exactly that line on standard
/// error and exits 2.</item>
/// <item>ci: the trainer's commands run as in run; dotnet test, build, pack and tool install are what .ci/run and
/// <see cref="ToolPackageTests"/> execute, checked against them and against Trainer.csproj's package settings.</item>
/// <item>benchmark: the benchmark program parses each command's arguments for real and lists what it reads
/// (<c>--check</c>), without running it; <see cref="BenchmarkExampleTests"/> runs the cheapest benchmark end to end.</item>
/// <item>walkthrough: commands that need the change their page walks through (docs/adding-a-layer.md's tanh): run
/// with the page's new layer, which the trainer does not have, replaced by relu.</item>
/// <item>output: printed text, not run; it may hold no command.</item>
/// </list>
/// Commands quoted inline (<c>`neuralnet …`</c>, <c>`dotnet run … --project Trainer.Benchmarks -- …`</c>) are parsed by
/// the trainer's and the benchmark program's command lines. And the main iris example's lines are checked in order.
/// </summary>
[NonParallelizable] // runs change the working directory and make the process-wide BLAS choice
public sealed partial class ReadmeExampleTests
{
    /// <summary>Each kind and the command forms its blocks may hold.</summary>
    private static readonly Dictionary<string, CommandForm[]> Kinds = new()
    {
        ["run"] = [Trainer, Printf, MakeFashionMnist, MakeSynthetic],
        ["bad-input"] = [Trainer, Printf],
        ["ci"] = [Trainer, Build, Test, Pack, ToolInstall],
        ["benchmark"] = [Benchmark, Build, MakeFashionMnist, MakeSynthetic],
        ["walkthrough"] = [Trainer],
        ["output"] = [],
    };

    /// <summary>Info strings of blocks that hold commands or output, which need a kind; other blocks are source code.</summary>
    private static readonly string[] CommandInfos = ["", "sh", "bash", "shell", "console", "text"];

    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");

    public static IEnumerable<TestCaseData> BlocksOfKind(string kind) =>
        MarkdownExamples.Blocks.Where(block => block.Kind == kind).Select(block => new TestCaseData(block).SetArgDisplayNames(block.ToString()));

    [Test]
    public void Every_example_block_has_a_kind_and_only_commands_of_forms_the_test_knows()
    {
        Assert.That(MarkdownExamples.Blocks.SelectMany(Problems), Is.Empty);
        // The parser found the blocks: a broken one would find none and pass the line above.
        Assert.That(Kinds.Keys.Select(kind => MarkdownExamples.Blocks.Count(b => b.Kind == kind)), Has.All.GreaterThanOrEqualTo(1));
        Assert.That(MarkdownExamples.Blocks.Count(b => b.Kind == "bad-input"), Is.GreaterThanOrEqualTo(6));
    }

    [Test]
    public void An_unmarked_block_or_a_command_the_test_cannot_run_is_reported()
    {
        Assert.That(Problems(new("X.md", 3, "sh", null, ["neuralnet train data/iris.csv"])), Has.One.Contains("no <!-- example: KIND --> line"));
        Assert.That(Problems(new("X.md", 3, "", null, ["some output"])), Has.One.Contains("no <!-- example: KIND --> line"));
        Assert.That(Problems(new("X.md", 3, "csharp", null, ["var x = 1;"])), Is.Empty);
        Assert.That(Problems(new("X.md", 3, "sh", "run", ["neuralnet train data/iris.csv | head"])), Has.One.Contains("a command of a form the test does not know"));
        Assert.That(Problems(new("X.md", 3, "sh", "run", ["rm -rf runs"])), Has.One.Contains("a command of a form the test does not know"));
        Assert.That(Problems(new("X.md", 3, "sh", "run", ["dotnet run -c Release --project Trainer.Benchmarks -- relu"])), Has.One.Contains("no Benchmark command"));
        Assert.That(Problems(new("X.md", 3, "sh", "runs", ["neuralnet --version"])), Has.One.Contains("unknown kind 'runs'"));
        Assert.That(Problems(new("X.md", 3, "", "output", ["$ neuralnet --version"])), Has.One.Contains("an output block holds a command"));
        Assert.That(Problems(new("X.md", 3, "", "bad-input", ["$ neuralnet train data/iris.csv"])), Has.One.Contains("error:"));
    }

    /// <summary>What is wrong with <paramref name="block"/>'s kind and commands, one line each.</summary>
    public static IEnumerable<string> Problems(ExampleBlock block)
    {
        if (block.Kind is null)
        {
            if (CommandInfos.Contains(block.Info))
                yield return $"{block}: a ```{block.Info} block with no <!-- example: KIND --> line above it (kinds: {string.Join(", ", Kinds.Keys)})";
            yield break;
        }
        if (!Kinds.TryGetValue(block.Kind, out var allowed))
        {
            yield return $"{block}: unknown kind '{block.Kind}' (kinds: {string.Join(", ", Kinds.Keys)})";
            yield break;
        }
        if (block.Kind == "output")
        {
            foreach (var (line, at) in block.Lines.Select((line, i) => (line, block.Line + 1 + i)))
            {
                if (line.StartsWith("$ ", StringComparison.Ordinal) || ShellCommand.Parse(line) is not null)
                    yield return $"{block.File}:{at}: an output block holds a command: '{line}'";
            }
            yield break;
        }
        foreach (var step in block.Steps)
        {
            var command = ShellCommand.Parse(step.Command);
            if (command is null)
                yield return $"{block.File}:{step.Line}: a command of a form the test does not know: '{step.Command}' (see ShellCommand)";
            else if (!allowed.Contains(command.Form))
                yield return $"{block.File}:{step.Line}: a {block.Kind} block takes no {command.Form} command: '{step.Command}'";
            if (step.Shown.Length > 0 && block.Kind is not ("run" or "bad-input"))
                yield return $"{block.File}:{step.Line}: only run and bad-input blocks show output under a command";
        }
        if (block.Kind == "bad-input" && !block.Steps.Any(s => s.Shown is [var line] && line.StartsWith("error: ", StringComparison.Ordinal)))
            yield return $"{block}: a bad-input block shows the one error: line its command prints";
    }

    [TestCaseSource(nameof(BlocksOfKind), new object[] { "run" })]
    public void A_run_example_runs_and_prints_the_lines_it_shows(ExampleBlock block)
    {
        foreach (var (step, run) in TrainerRuns(block))
        {
            Assert.That(run.ExitCode, Is.Zero, $"{block.File}:{step.Line}: {step.Command}\n{run}");
            AssertShown(block, step, run);
        }
    }

    [TestCaseSource(nameof(BlocksOfKind), new object[] { "bad-input" })]
    public void A_bad_input_example_prints_the_error_line_it_shows(ExampleBlock block)
    {
        foreach (var (step, run) in TrainerRuns(block))
        {
            string where = $"{block.File}:{step.Line}: {step.Command}\n{run}";
            if (step.Shown.Length == 0)
            {
                Assert.That(run.ExitCode, Is.Zero, where);
                continue;
            }
            Assert.That(run.Error.TrimEnd('\n', '\r'), Is.EqualTo(string.Join('\n', step.Shown)), where);
            Assert.That(run.ExitCode, Is.EqualTo(2), where);
        }
    }

    [TestCaseSource(nameof(BlocksOfKind), new object[] { "ci" })]
    public void A_ci_example_is_run_here_or_by_the_test_or_script_that_covers_it(ExampleBlock block)
    {
        using var folder = new ExampleFolder();
        foreach (var step in block.Steps)
        {
            var command = Parse(block, step);
            if (command.Form == Trainer)
            {
                var run = folder.Trainer(command.Args);
                Assert.That(run.ExitCode, Is.Zero, $"{block.File}:{step.Line}: {step.Command}\n{run}");
            }
            else
            {
                CiCoverage.Check(command);
            }
        }
    }

    [TestCaseSource(nameof(BlocksOfKind), new object[] { "walkthrough" })]
    public void A_walkthrough_example_runs_with_the_pages_new_layer_replaced(ExampleBlock block)
    {
        // The layers the page's own [Layer("name")] declares and the trainer lacks: the reader adds them.
        string[] added = [.. LayerName().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, block.File))).Select(m => m.Groups[1].Value)
            .Except(LayerRegistry.All.Select(layer => layer.Name))];
        using var folder = new ExampleFolder();
        foreach (var step in block.Steps)
        {
            var command = Parse(block, step);
            string[] args = [.. command.Args.Select((arg, i) => i > 0 && command.Args[i - 1] == "--layers"
                ? string.Join(',', arg.Split(',').Select(layer => added.Contains(layer.Split(':')[0]) ? "relu" : layer))
                : arg)];
            var run = folder.Trainer(args);
            Assert.That(run.ExitCode, Is.Zero, $"{block.File}:{step.Line}: {string.Join(' ', args)} (for {step.Command})\n{run}");
        }
    }

    [TestCaseSource(nameof(BlocksOfKind), new object[] { "benchmark" })]
    public void A_benchmark_examples_arguments_are_taken_by_the_benchmark_program(ExampleBlock block)
    {
        foreach (var step in block.Steps)
        {
            var command = Parse(block, step);
            switch (command.Form)
            {
                case Benchmark:
                    BenchmarkCheck.AssertTaken(command.Args, $"{block.File}:{step.Line}");
                    break;
                case Build:
                    CiCoverage.Check(command);
                    break;
                case MakeFashionMnist:
                    ExampleFolder.CheckScript("datasets/fashion-mnist.sh");
                    break;
                case MakeSynthetic:
                    ExampleFolder.CheckScript("datasets/synthetic.py");
                    break;
                default:
                    Assert.Fail($"{block.File}:{step.Line}: not a benchmark block's command: {step.Command}");
                    break;
            }
        }
    }

    /// <summary>Commands quoted in the text, not in a block: the trainer's parse their arguments without running
    /// (an unknown option, a value out of range or a layer spec it cannot build is an error); the benchmark
    /// program's are checked as in a benchmark block. <c>for V in A B; do …; done</c> is read once per value.</summary>
    [Test]
    public void The_commands_quoted_inline_are_taken_by_the_trainer_and_the_benchmark_program()
    {
        var problems = new List<string>();
        int seen = 0;
        foreach (var (file, line, text) in MarkdownExamples.InlineCode())
        {
            foreach (var command in Expand(text).Select(ShellCommand.Parse).OfType<ShellCommand>())
            {
                string where = $"{file}:{line}: `{text}`";
                if (command.Args.Length == 0)
                {
                    continue; // the program named in the text (`neuralnet`), not a command
                }
                if (command.Form == Trainer)
                {
                    seen++;
                    var parse = NeuralNet.Cli.CommandLine.Build(TextWriter.Null, TextWriter.Null, default).Parse(command.Args);
                    problems.AddRange(parse.Errors.Take(1).Select(e => $"{where}: {e.Message}"));
                }
                else if (command.Form == Benchmark)
                {
                    seen++;
                    var (code, _, error) = BenchmarkCheck.Run(command.Args);
                    if (code != 0)
                        problems.Add($"{where}: {error.Trim()}");
                }
            }
        }
        Assert.That(problems, Is.Empty, string.Join('\n', problems));
        Assert.That(seen, Is.GreaterThanOrEqualTo(10), "the inline commands were not found");
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
        Assert.That(Prefixes(shown).Distinct(), Is.EqualTo(new[] { "BLAS:", "data:", "csv:", "columns:", "task:", "split:", "picked:", "model:", "ensemble:", "optimizer:" }));
        Assert.That(Header(printed), Is.EqualTo(Header(shown)), run.ToString());
        Assert.That(run.EpochRows, Is.Not.Empty, run.ToString());
    }

    [Test]
    public void Shown_lines_match_printed_ones_with_their_numbers_masked()
    {
        Assert.That(Masked("fold 1/5: 30 held out, 418 epochs: loss 0.0978  acc 0.9333 (1.0 s)"), Is.EqualTo(Masked("fold 3/5: 30 held out, 112 epochs: loss 0.1724  acc 0.9000 (12.5 s)")));
        Assert.That(Masked("fold 1/5: 30 held out"), Is.Not.EqualTo(Masked("fold 1/5: 30 kept")));
    }

    // The block's commands in order, in a fresh example folder: the trainer's run there and are yielded with their
    // result; the others (printf, cat, …) prepare the folder's files.
    private static IEnumerable<(ExampleStep Step, CliRun Run)> TrainerRuns(ExampleBlock block)
    {
        using var folder = new ExampleFolder();
        foreach (var step in block.Steps)
        {
            var command = Parse(block, step);
            if (command.Form == Trainer)
                yield return (step, folder.Trainer(command.Args));
            else
                Prepare(folder, command);
        }
    }

    private static ShellCommand Parse(ExampleBlock block, ExampleStep step) =>
        ShellCommand.Parse(step.Command) ?? throw new AssertionException($"{block.File}:{step.Line}: a command of a form the test does not know: '{step.Command}'");

    /// <summary>A command that makes the files the next ones read.</summary>
    private static void Prepare(ExampleFolder folder, ShellCommand command)
    {
        switch (command.Form)
        {
            case Printf:
                File.WriteAllText(command.Args[1], command.Args[0]);
                break;
            case MakeFashionMnist:
                folder.MakeFashionMnist();
                break;
            case MakeSynthetic:
                folder.MakeSynthetic();
                break;
            default:
                Assert.Fail($"not a command that makes files: {command}");
                break;
        }
    }

    /// <summary>The lines shown under the command are printed (standard output, then error), in that order, with
    /// every number masked (timings, counts and losses vary with the machine and the data's size); "..." skips.</summary>
    private static void AssertShown(ExampleBlock block, ExampleStep step, CliRun run)
    {
        string[] printed = [.. (run.Output + run.Error).ReplaceLineEndings("\n").Split('\n').Select(Masked)];
        int at = 0;
        foreach (string shown in step.Shown.Where(line => line.Trim() != "..."))
        {
            int found = Array.IndexOf(printed, Masked(shown), at);
            Assert.That(found, Is.GreaterThanOrEqualTo(0), $"{block.File}:{step.Line}: '{shown}' is not printed after the lines shown above it\n{run}");
            at = found + 1;
        }
    }

    private static string Masked(string line) => Number().Replace(line.TrimEnd(), "#");

    /// <summary>The commands of an inline span: itself, or a for loop's body once per value.</summary>
    private static IEnumerable<string> Expand(string text) => ForLoop().Match(text) is { Success: true } loop
        ? loop.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(value => loop.Groups[3].Value.Replace("$" + loop.Groups[1].Value, value, StringComparison.Ordinal))
        : [text];

    /// <summary>The "word:" each line starts with, up to the epoch table's header.</summary>
    private static string[] Prefixes(string[] lines) => [.. lines.TakeWhile(line => !IsHeader(line))
        .Select(line => LinePrefix().Match(line)).Where(m => m.Success).Select(m => m.Value)];

    private static string Header(string[] lines) => lines.First(IsHeader).Trim();

    private static bool IsHeader(string line) => line.TrimStart().StartsWith("epoch  train_loss", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z]+:")]
    private static partial Regex LinePrefix();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"^for (\w+) in ([^;]+); do (.+); done$")]
    private static partial Regex ForLoop();

    [GeneratedRegex(@"\[Layer\(""([^""]+)""")]
    private static partial Regex LayerName();
}
