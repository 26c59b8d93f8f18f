using NeuralNet.Data;
using NeuralNet.Models;

namespace NeuralNet.Cli;

/// <summary>--resume continues a saved model: its architecture and preprocessing are fixed, so an option given
/// explicitly that says otherwise is an error naming it, never silently ignored. Options that may change (the
/// optimizer and its settings, epochs, batch size, schedule, patience, seed, outputs, how the CSV is read) are not
/// checked; the split is the saved one (<see cref="ResumedSplit"/>).</summary>
internal static class ResumeConflicts
{
    public static void Check(TrainOptions options, SavedModel model)
    {
        // Resuming writes a format-3 file whose document hash would vouch for preprocessing and layers that an older
        // file's weights-only hash never covered: an edit made to such a file would come out looking genuine.
        if (model.FormatVersion < ModelSerializer.FormatVersion)
            throw new InputException($"--resume {options.Request.ResumePath}: a format_version {model.FormatVersion} file cannot be resumed: only its weights are covered by a hash, so its preprocessing and layers cannot be verified (predict and evaluate still read it); train a new model");
        var prep = model.Preprocessing;
        string Contradicts(string option, string given, string saved) =>
            $"{option} {given} contradicts the resumed model {options.Request.ResumePath}, which {saved}; leave {option} out when resuming";

        // --target and --drop name columns by name or index: an index means the data file's column there.
        var header = new[] { "--target", "--drop", "--numeric", "--categorical" }.Any(options.Given.Contains) ? CsvLoader.ReadHeader(options.Request.DataPath, options.Request.Data) : [];
        string[] Columns(IEnumerable<string> given) => [.. given.Select(name => ColumnRequests.NameOf(header, name).Trim())];
        var column = StringComparer.OrdinalIgnoreCase; // as a model's columns are found in a file

        if (options.Given.Contains("--target") && options.Request.Targets is { } targets && !Columns(targets).SequenceEqual(prep.TargetNames.Select(t => t.Trim()), column))
            throw new InputException(Contradicts("--target", options.Request.Target!, $"predicts {Quoted(prep.TargetNames)}"));
        if (options.Request.Task is { } task && task != prep.Task)
            throw new InputException(Contradicts("--task", Name(task), $"is a {Name(prep.Task)} model"));

        string saved = model.NetworkSpec;
        if (options.Given.Contains("--layers") && options.Request.Layers is { } layers && !model.HasLayers(layers))
            throw new InputException(Contradicts("--layers", layers, $"has the layers {saved}"));
        if (options.Given.Contains("--hidden") && !model.HasHidden(options.Request.Hidden))
            throw new InputException(Contradicts("--hidden", options.Request.Hidden.Count == 0 ? "none" : string.Join(',', options.Request.Hidden), $"has the layers {saved}"));

        string[] dropped = [.. prep.Dropped.Where(d => d.Reason == "--drop").Select(d => d.Name)];
        string[] screened = [.. prep.Dropped.Where(d => d.Reason != "--drop").Select(d => d.Name)];
        string others = screened.Length == 0 ? "" : $" (it left out {Quoted(screened)} itself, as ID-like or constant)";
        if (options.Given.Contains("--drop") && !Columns(options.Request.Data.Drop).Order(column).SequenceEqual(dropped.Select(d => d.Trim()).Order(column), column))
            throw new InputException(Contradicts("--drop", string.Join(',', options.Request.Data.Drop), (dropped.Length == 0 ? "dropped no column with --drop" : $"dropped {Quoted(dropped)} with --drop") + others));
        // The model reads each of its columns as it was trained: as numbers or as categories.
        foreach (var (option, names, categorical) in new[] { ("--numeric", options.Request.Data.Numeric, false), ("--categorical", options.Request.Data.Categorical, true) })
        {
            foreach (string name in names)
            {
                string columnName = ColumnRequests.NameOf(header, name).Trim();
                var feature = prep.Features.FirstOrDefault(f => string.Equals(f.Name, columnName, StringComparison.Ordinal));
                if (feature is null || feature.IsCategorical != categorical)
                    throw new InputException(Contradicts(option, string.Join(',', names),
                        feature is null ? $"has no feature column '{columnName}'" : $"reads '{columnName}' as {(feature.IsCategorical ? "categories" : "numbers")}"));
            }
        }
        if (options.Request.Data.UnknownCategory is { } unknown && prep.UnknownCategory is { } trained && unknown != trained)
            throw new InputException(Contradicts("--unknown-category", Name(unknown), $"was trained with --unknown-category {Name(trained)}"));
        // drop-rows only chooses which rows of this file are read; filling uses the values the model learned.
        var missing = options.Request.Data.Missing;
        if (options.Given.Contains("--missing") && missing != MissingValuePolicy.DropRows && missing != prep.Missing)
            throw new InputException(Contradicts("--missing", Name(missing), $"was trained with --missing {Name(prep.Missing)}"));
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static string Name<T>(T value) where T : struct, Enum => value switch
    {
        MissingValuePolicy.DropRows => "drop-rows",
        _ => value.ToString().ToLowerInvariant(),
    };
}
