using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The benchmark program's command line, parsed by System.CommandLine: <c>relu</c>, <c>fashion</c>, <c>scaling</c>,
/// <c>quality</c> and <c>load</c>; any other arguments go to BenchmarkDotNet's switcher (<c>--filter '*TrainingStep*'</c>).
/// A wrong argument is one line and exit code 2 before anything runs. <c>--check</c> parses the same way, then lists
/// the files the benchmark would read (present, or missing with how to get them) and exits 0 without running it: the
/// README's benchmark commands are checked like this by Trainer.Tests/ReadmeExampleTests.cs, so a README argument
/// that the program no longer takes fails a test.
/// </summary>
internal static class BenchmarkCommandLine
{
    /// <param name="root">The repository the benchmarks read from (../shared is beside it).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, string root)
    {
        var check = new Option<bool>("--check")
        {
            Description = "Parse the arguments and list the files the benchmark reads (and how to get a missing one), without running it",
            Recursive = true,
        };
        var command = new RootCommand("NeuralNet's benchmarks. Other arguments go to BenchmarkDotNet's switcher, e.g. --filter '*TrainingStep*'.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(check);
        command.Subcommands.Add(Relu(root, check, output, error));
        command.Subcommands.Add(Fashion(root, check, output, error));
        command.Subcommands.Add(Scaling(check, output));
        command.Subcommands.Add(QualityCommand.Create(root, args, check, output));
        command.Subcommands.Add(Load(root, check, output, error));
        command.SetAction(parse => parse.GetValue(check) ? CheckSwitcher([.. parse.UnmatchedTokens], output, error) : RunSwitcher([.. parse.UnmatchedTokens]));

        var result = command.Parse(args);
        // Only the root passes what it does not know on (to BenchmarkDotNet, whose arguments are options); a verb
        // takes nothing it does not declare, and a word that is no verb is a misspelt one.
        string? problem = result.Errors.Count > 0 ? string.Join(' ', result.Errors[0].Message.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries))
            : result.UnmatchedTokens.Count == 0 ? null
            : result.CommandResult.Command != command ? $"{result.CommandResult.Command.Name} does not take '{result.UnmatchedTokens[0]}'"
            : !result.UnmatchedTokens[0].StartsWith('-') ? $"there is no benchmark '{result.UnmatchedTokens[0]}'; the benchmarks are {string.Join(", ", command.Subcommands.Select(c => c.Name))}, or BenchmarkDotNet's options such as --filter"
            : null;
        if (problem is not null)
        {
            error.WriteLine($"error: {problem} (see --help)");
            return 2;
        }
        try
        {
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A file a benchmark found missing only once running (the checks below name what each one reads).
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (ChildProcessException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>With --check, lists <paramref name="needs"/>; else runs the benchmark if every one of them is there,
    /// or writes one line naming the first missing file (and how to get it) and returns exit code 2.</summary>
    private static int Needing(bool check, string name, IReadOnlyList<NeededFile> needs, TextWriter output, TextWriter error, Func<int> run)
    {
        if (check)
            return BenchmarkFiles.Report(output, name, needs);
        if (needs.FirstOrDefault(need => !File.Exists(need.Path)) is { } missing)
        {
            error.WriteLine($"error: {name} needs {missing.Path}, which is missing; {missing.HowToGet}");
            return 2;
        }
        return run();
    }

    /// <summary>An optional whole-number argument of at least 1.</summary>
    internal static Argument<int> Count(string name, int fallback, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => fallback,
        CustomParser = result => result.Tokens.Count == 0 ? fallback : Whole(result, name, result.Tokens[0].Value),
    };

    /// <summary>Whole numbers of at least <paramref name="minimum"/> separated by commas ("1,2").</summary>
    internal static int[] Wholes(ArgumentResult result, string name, int minimum = 1) =>
        [.. result.Tokens[0].Value.Split(',').Select(text => Whole(result, name, text, minimum))];

    private static int Whole(ArgumentResult result, string name, string text, int minimum = 1)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= minimum)
            return value;
        result.AddError($"{name} takes whole numbers of at least {minimum}, not '{text}'");
        return minimum;
    }

    private static Command Relu(string root, Option<bool> check, TextWriter output, TextWriter error)
    {
        var command = new Command("relu", "The ReLU kernels' table (BenchmarkDotNet), then ../shared/reference/relu_numpy.py, then the compact table with the target ratios");
        command.SetAction(parse => Needing(parse.GetValue(check), "relu", [BenchmarkFiles.Reference(root, "relu_numpy.py"), BenchmarkFiles.Python3("python3-numpy")],
            output, error, () => Program.RunRelu(root)));
        return command;
    }

    private static Command Fashion(string root, Option<bool> check, TextWriter output, TextWriter error)
    {
        var runs = Count("RUNS", 3, "Alternating runs per side");
        var epochs = Count("EPOCHS", 2, "Epochs per run");
        // No DefaultValueFactory for the list: help would show it as "1|2".
        var cores = new Argument<int[]?>("CORES")
        {
            Description = "The core counts compared, e.g. 1,2: on N cores ours runs with --threads N and numpy at every BLAS thread count from 1 to N [default: 1,2]",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = result => result.Tokens.Count == 0 ? null : Wholes(result, "CORES"),
        };
        var command = new Command("fashion", "Fashion-MNIST training against ../shared/reference/numpy_mlp.py at its fastest BLAS thread count, the same work on the same cores, alternating")
        {
            runs, epochs, cores,
        };
        command.SetAction(parse => Needing(parse.GetValue(check), "fashion", [BenchmarkFiles.FashionTrain(root), BenchmarkFiles.FashionTest(root), BenchmarkFiles.ReleaseTrainer(root),
                BenchmarkFiles.Reference(root, "numpy_mlp.py"), BenchmarkFiles.Python3("python3-numpy"), BenchmarkFiles.TimeProgram, BenchmarkFiles.TasksetProgram], output, error,
            () => FashionComparison.Run(root, parse.GetValue(runs), parse.GetValue(epochs), parse.GetValue(cores) is { Length: > 0 } given ? given : [1, 2])));
        return command;
    }

    private static Command Scaling(Option<bool> check, TextWriter output)
    {
        var rounds = Count("ROUNDS", 5, "Alternating rounds; the table gives medians");
        var command = new Command("scaling", "Training samples/s for batch sizes × widths on one thread and two workers") { rounds };
        command.SetAction(parse => parse.GetValue(check) ? BenchmarkFiles.Report(output, "scaling", []) : ScalingTable.Run(parse.GetValue(rounds)));
        return command;
    }

    private static Command Load(string root, Option<bool> check, TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("FILE.csv") { Description = "The CSV file to read" };
        var runs = Count("REPEATS", 5, "Alternating runs per side and worker count; the table gives medians");
        var onlyLoad = new Option<bool>("--only-load") { Description = "Read and prepare the file once, print its figures and exit (the child process the table is made of)" };
        var target = new Option<string?>("--target") { Description = "The target column, as the trainer's --target", HelpName = "NAME" };
        var workers = new Option<int[]?>("--workers")
        {
            Description = "The worker counts compared, e.g. 1,2: ours with --threads N and pandas, each pinned to the first N cores [default: 1,2]",
            CustomParser = result => result.Tokens.Count == 0 ? null : Wholes(result, "--workers"),
        };
        var command = new Command("load", "Read + prepare of a file as train does it, against pandas' read_csv of the same file on the same cores, alternating") { file, runs, onlyLoad, target, workers };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            var fashion = BenchmarkFiles.FashionTrain(root);
            NeededFile data = Path.GetFullPath(path).StartsWith(Path.GetDirectoryName(fashion.Path)!, StringComparison.Ordinal)
                ? fashion with { Path = Path.GetFullPath(path) }
                : new(Path.GetFullPath(path), "no such file");
            return Needing(parse.GetValue(check), "load", parse.GetValue(onlyLoad) ? [data] : [data, BenchmarkFiles.Python3("python3-pandas"), BenchmarkFiles.TimeProgram, BenchmarkFiles.TasksetProgram], output, error,
                () => LoadComparison.Run(path, parse.GetValue(runs), parse.GetValue(workers) is { Length: > 0 } given ? given : [1, 2], parse.GetValue(onlyLoad), parse.GetValue(target)));
        });
        return command;
    }

    private static int RunSwitcher(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    /// <summary>BenchmarkDotNet's own parser reads the arguments; then its converter applies them (the filters) to
    /// every benchmark class, which must leave at least one benchmark.</summary>
    private static int CheckSwitcher(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            output.WriteLine("check: no arguments: BenchmarkDotNet's switcher would ask which benchmarks to run; not running it");
            return 0;
        }
        var log = new AccumulationLogger();
        var (valid, config, _) = ConfigParser.Parse(args, log);
        if (!valid)
        {
            // Its log is a banner, "ERROR(S):", the errors, then its whole help text.
            string[] lines = log.GetLog().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string why = lines.SkipWhile(line => line != "ERROR(S):").Skip(1).FirstOrDefault() ?? "its parser refused them";
            error.WriteLine($"error: BenchmarkDotNet does not take '{string.Join(' ', args)}': {why}");
            return 2;
        }
        string[] cases = [.. typeof(Program).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
                && type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(method => method.IsDefined(typeof(BenchmarkAttribute), inherit: true)))
            .SelectMany(type => BenchmarkConverter.TypeToBenchmarks(type, config).BenchmarksCases)
            .Select(benchmark => benchmark.Descriptor.DisplayInfo)];
        if (cases.Length == 0)
        {
            error.WriteLine($"error: '{string.Join(' ', args)}' selects no benchmark");
            return 2;
        }
        output.WriteLine($"check: BenchmarkDotNet {string.Join(' ', args)}: {cases.Length} benchmark cases ({string.Join(", ", cases.Distinct().Take(3))}, …); not running them");
        return 0;
    }
}
