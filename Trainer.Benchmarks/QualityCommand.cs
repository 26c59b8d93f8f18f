using System.CommandLine;

namespace NeuralNet.Benchmarks;

/// <summary>What <c>quality</c> runs: the datasets (null: all), the seeds, scikit-learn's side (run, cached or skip),
/// the flags given to the trainer, the trainer's Trainer.dll, and the folder for the splits and scikit-learn's cache.</summary>
/// <param name="Tables">A folder whose targets.tsv lists the tables to run instead of the benchmark's own; null: the
/// benchmark's datasets.</param>
internal sealed record QualitySettings(string[]? Names, int[] Seeds, string Sklearn, IReadOnlyList<string> TrainerFlags, string Trainer, string Folder,
    string? Tables = null)
{
    /// <summary>The datasets this run may choose from: the folder's tables (none while it has no targets.tsv), or the
    /// benchmark's own.</summary>
    public static IReadOnlyList<QualityDataset> Candidates(string root, string? tables) =>
        tables is null ? QualityDatasets.All(root) : File.Exists(TargetsFile(tables)) ? QualityDatasets.FromFolder(tables) : [];

    /// <summary>The list of a --tables folder.</summary>
    public static string TargetsFile(string tables) => Path.Combine(tables, "targets.tsv");

    /// <summary>How to make a --tables folder's tables.</summary>
    public static string HowToMake(string tables) => $"make the tables with bash Trainer.Benchmarks/holdout-tables.sh {tables}";

    /// <summary>The datasets this run measures.</summary>
    public IReadOnlyList<QualityDataset> Chosen(string root) => [.. Candidates(root, Tables).Where(d => Names is null || Names.Contains(d.Name))];
}

/// <summary>The <c>quality</c> command's arguments (see <see cref="QualityBenchmark"/>).</summary>
internal static class QualityCommand
{
    /// <param name="args">The whole command line: the trainer's flags must come after its <c>--</c>.</param>
    public static Command Create(string root, string[] args, Option<bool> check, TextWriter output)
    {
        string[] known = [.. QualityDatasets.All(root).Select(d => d.Name)];
        var datasets = new Option<string[]?>("--datasets")
        {
            Description = $"The datasets, separated by commas: {string.Join(", ", known)}; with --tables, the stems of its files [default: all]",
            HelpName = "NAME[,NAME]",
            CustomParser = result => result.Tokens[0].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        var tables = new Option<string?>("--tables")
        {
            Description = "Run the tables a folder's targets.tsv lists (file, target, task), e.g. those of Trainer.Benchmarks/holdout-tables.sh, instead of the benchmark's datasets",
            HelpName = "DIR",
        };
        // No DefaultValueFactory where help would show it badly (an array as "0|1|2", a path in full).
        var seeds = new Option<int[]?>("--seeds")
        {
            Description = "The seeds, separated by commas: each makes one split, and is the trainers' --seed [default: 0]",
            HelpName = "0,1,2",
            CustomParser = result => BenchmarkCommandLine.Wholes(result, "--seeds", minimum: 0),
        };
        var sklearn = new Option<string>("--sklearn")
        {
            Description = "scikit-learn's side (its MLP and HistGradientBoosting defaults): run it, reuse its cached figures where there are some, or skip it",
            DefaultValueFactory = _ => "run",
        };
        sklearn.AcceptOnlyFromAmong("run", "cached", "skip");
        var trainer = new Option<string?>("--trainer")
        {
            Description = "The trainer to measure, a built Trainer.dll [default: the Release build, Trainer/bin/Release/net10.0/Trainer.dll]",
            HelpName = "DLL",
        };
        var folder = new Option<string?>("--out")
        {
            Description = "Where the splits and scikit-learn's cached figures (sklearn.tsv) go [default: runs/quality]",
            HelpName = "DIR",
        };
        var trainerFlags = new Argument<string[]>("TRAINER-FLAGS")
        {
            Description = "After '--': flags added to every trainer run (experiments; the benchmark passes none)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        trainerFlags.Validators.Add(result =>
        {
            // Without the '--' a misspelt option of quality's own would be taken for a trainer flag.
            int separator = Array.IndexOf(args, "--");
            int afterSeparator = separator < 0 ? 0 : args.Length - separator - 1;
            if (result.Tokens.Count > afterSeparator)
                result.AddError($"quality: '{result.Tokens[0].Value}' is not an option of quality; flags for the trainer go after '--'");
        });
        var command = new Command("quality", "The trainer with no flags against scikit-learn's MLP and HistGradientBoosting defaults, on 80/20 splits of every dataset")
        {
            datasets, tables, seeds, sklearn, trainer, folder, trainerFlags,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(datasets) is not { } given)
                return;
            string? folder = result.GetValue(tables);
            string[] known = [.. QualitySettings.Candidates(root, folder).Select(d => d.Name)];
            string[]? names = given.GetValueOrDefault<string[]?>();
            // Given but naming nothing (--datasets ","): an error, not the default of every dataset.
            if (given.Tokens.Count > 0 && names is [])
                result.AddError($"quality: --datasets names no dataset; the datasets are {string.Join(", ", known)}");
            string[] unknown = [.. (names ?? []).Except(known)];
            if (unknown.Length > 0)
                result.AddError($"quality: unknown dataset {string.Join(", ", unknown)}; the datasets are {string.Join(", ", known)}");
        });
        command.SetAction(parse =>
        {
            // An array option left out reads as an empty array, not null: empty means the default here.
            var settings = new QualitySettings(parse.GetValue(datasets) is { Length: > 0 } names ? names : null,
                parse.GetValue(seeds) is { Length: > 0 } given ? given : [0], parse.GetValue(sklearn)!, parse.GetValue(trainerFlags) ?? [],
                Path.GetFullPath(parse.GetValue(trainer) ?? BenchmarkFiles.ReleaseTrainer(root).Path), Path.GetFullPath(parse.GetValue(folder) ?? Path.Combine(root, "runs", "quality")),
                parse.GetValue(tables) is { } tablesFolder ? Path.GetFullPath(tablesFolder) : null);
            return parse.GetValue(check) ? Check(root, settings, output) : QualityBenchmark.Run(root, settings);
        });
        return command;
    }

    private static int Check(string root, QualitySettings settings, TextWriter output)
    {
        var needs = new List<NeededFile> { new(settings.Trainer, "build it first: dotnet build -c Release"), BenchmarkFiles.TimeProgram };
        if (settings.Sklearn != "skip")
            needs.AddRange([BenchmarkFiles.Reference(root, "sklearn_defaults.py"), BenchmarkFiles.Reference(root, "hgb_defaults.py"),
                BenchmarkFiles.Python3("python3-numpy python3-sklearn python3-pandas")]);
        if (settings.Tables is { } folder)
            needs.Add(new(QualitySettings.TargetsFile(folder), QualitySettings.HowToMake(folder)));
        foreach (var dataset in settings.Chosen(root))
        {
            var script = QualityDatasets.Script(root, dataset);
            string howToGet = script is not null ? $"the benchmark makes it with {script.Path}"
                : dataset.Group == QualityGroup.Outside ? "the --tables folder's targets.tsv lists it" : "it is committed in data/";
            needs.Add(new(dataset.File, howToGet));
            if (dataset.TestFile is not null)
                needs.Add(new(dataset.TestFile, howToGet));
            if (script is not null && !(File.Exists(dataset.File) && (dataset.TestFile is null || File.Exists(dataset.TestFile))))
                needs.Add(script);
        }
        int code = BenchmarkFiles.Report(output, "quality", needs);
        output.WriteLine($"  seeds {string.Join(',', settings.Seeds)}");
        return code;
    }
}
