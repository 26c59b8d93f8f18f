using System.CommandLine;
using System.CommandLine.Help;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// Every option and argument of every verb, found by walking the System.CommandLine tree (so an option added later is
/// covered without touching this test), given each hostile value: the answer is a result or one line with exit code
/// 2, never exit code 1, an unhandled exception or a stack trace.
/// </summary>
[NonParallelizable] // changes the working directory: relative outputs such as "--save abc" land in a temporary folder
public class EveryOptionTests
{
    private static readonly string[] HostileValues = ["abc", "1e400", "-1", "NaN", ""];

    private TempFolder _temp = null!;
    private string _previousDirectory = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainAModel()
    {
        _temp = new TempFolder();
        _previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _temp.Path;
        _model = _temp.File("model.json");
        var trained = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", _model);
        Assert.That(trained.ExitCode, Is.Zero, trained.ToString());
    }

    [OneTimeTearDown]
    public void Restore()
    {
        Environment.CurrentDirectory = _previousDirectory;
        _temp.Dispose();
    }

    /// <summary>Each verb as the tests call it: its path of subcommands and valid values for its arguments and the
    /// options a run needs to stay small.</summary>
    private (string[] Verb, string[] Arguments, string[] Options)[] Verbs() =>
    [
        ([], [RepoPaths.Data("iris.csv")], ["--epochs", "1", "--hidden", "4", "--blas", "managed", "--save", _temp.File("saved.json")]),
        (["train"], [RepoPaths.Data("iris.csv")], ["--epochs", "1", "--hidden", "4", "--blas", "managed", "--save", _temp.File("saved.json")]),
        (["predict"], [_model, RepoPaths.Data("iris.csv")], []),
        (["evaluate"], [_model, RepoPaths.Data("iris.csv")], []),
        (["export"], [_model, _temp.File("model.onnx")], []),
    ];

    [Test]
    public void EveryOptionOfEveryVerbGivesOneLineOrAResultForEveryHostileValue()
    {
        var root = CommandLine.Build(TextWriter.Null, TextWriter.Null, default);
        int runs = 0;
        foreach (var (verb, arguments, options) in Verbs())
        {
            Command command = verb.Aggregate((Command)root, (parent, name) => parent.Subcommands.Single(c => c.Name == name));
            Assert.That(command.Arguments, Has.Count.EqualTo(arguments.Length), $"'{string.Join(' ', verb)}' arguments");
            foreach (var option in command.Options.Where(o => o is not HelpOption and not VersionOption))
            {
                foreach (string value in HostileValues)
                {
                    // The option under test replaces the run's own value for it.
                    var others = Pairs(options).Where(pair => pair[0] != option.Name).SelectMany(pair => pair);
                    Check([.. verb, .. arguments, .. others, option.Name, value]);
                    runs++;
                }
            }
            for (int i = 0; i < arguments.Length; i++)
            {
                foreach (string value in HostileValues)
                {
                    string[] replaced = [.. arguments];
                    replaced[i] = value;
                    Check([.. verb, .. replaced, .. options]);
                    runs++;
                }
            }
        }
        Assert.That(runs, Is.GreaterThan(150), "the walk found the options");
    }

    [TestCase("--target", "--task", "--val-split", "--test", "--hidden", "--layers", "--epochs", "--batch-size", "--optimizer", "--lr", "--momentum",
        "--weight-decay", "--nesterov", "--beta1", "--beta2", "--seed", "--history", "--report", "--save", "--resume", "--patience", "--lr-schedule",
        "--lr-step-epochs", "--lr-gamma", "--lr-patience", "--lr-factor", "--plot", "--blas", "--delimiter", "--no-header", "--decimal-comma",
        "--drop", "--missing", "--unknown-category")]
    public void TheWalkSeesTheTrainingOptions(params string[] expected)
    {
        var root = CommandLine.Build(TextWriter.Null, TextWriter.Null, default);
        Assert.That(root.Options.Select(o => o.Name), Is.SupersetOf(expected));
        Assert.That(root.Subcommands.Single(c => c.Name == "train").Options.Select(o => o.Name), Is.SupersetOf(expected));
    }

    private static void Check(string[] args)
    {
        var run = CliRun.Of(args);
        string what = $"Trainer {string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a))}\n{run}";
        Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.InternalError), what);
        Assert.That(run.Output + run.Error, Does.Not.Contain("Unhandled").And.Not.Contain("   at ").And.Not.Contain("internal error"), what);
        if (run.ExitCode == ExitCodes.BadInput)
        {
            Assert.That(run.Error, Does.StartWith("error: ").And.EndWith("\n"), what);
            Assert.That(run.Error.TrimEnd('\n'), Does.Not.Contain('\n'), what);
        }
        else
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), what);
    }

    private static IEnumerable<string[]> Pairs(string[] options) => options.Chunk(2);
}
