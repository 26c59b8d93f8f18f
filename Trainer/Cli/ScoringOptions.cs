using NeuralNet.Data;

namespace NeuralNet.Cli;

/// <summary>predict and evaluate read a file with the model's own columns and kinds: the options that choose
/// columns for training would do nothing there, so giving one is an error rather than silently ignored; and a
/// missing value can only be filled with what the model learned, so a --missing that asks for another fill is
/// refused too.</summary>
internal static class ScoringOptions
{
    public static void Check(string verb, DataOptions? options)
    {
        if (options is null)
            return;
        foreach (var (name, values) in new[] { ("--drop", options.Drop), ("--categorical", options.Categorical), ("--numeric", options.Numeric) })
        {
            if (values.Count > 0)
                throw new InputException($"{name} {string.Join(',', values)} does nothing for {verb}: the model reads the columns it was trained with, each as it was trained (extra columns are ignored); leave {name} out");
        }
    }

    /// <summary>The missing-value policy for a file scored by <paramref name="model"/>: <paramref name="asked"/>, or
    /// when it is null (--missing left out) the model's own fill, else error. error and drop-rows are always allowed;
    /// mean or median only when the model was trained with that one: its fill values were learned from the training
    /// rows, and filling with the other statistic would need them, so it is refused rather than quietly replaced.</summary>
    public static MissingValuePolicy Missing(MissingValuePolicy? asked, Preprocessing model, string modelPath)
    {
        bool fills = model.Missing is MissingValuePolicy.Mean or MissingValuePolicy.Median;
        if (asked is not (MissingValuePolicy.Mean or MissingValuePolicy.Median) || asked == model.Missing)
            return asked ?? (fills ? model.Missing : MissingValuePolicy.Error);
        string given = Name(asked.Value);
        throw new InputException(fills
            ? $"--missing {given} contradicts the model {modelPath}, which was trained with --missing {Name(model.Missing)}: it fills a missing value with the training rows' {Name(model.Missing)} (a text column's missing values are a category of their own), learned then; leave --missing out to fill with those, or use --missing error or drop-rows"
            : $"--missing {given}: the model {modelPath} was trained with --missing {Name(model.Missing)} and learned no values to fill with; use --missing drop-rows to leave the rows with a missing value out, or train a model with --missing {given}");
    }

    public static string Name(MissingValuePolicy policy) => policy == MissingValuePolicy.DropRows ? "drop-rows" : policy.ToString().ToLowerInvariant();
}
