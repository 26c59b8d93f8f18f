using NeuralNet.Data;

namespace NeuralNet.Cli;

/// <summary>predict and evaluate read a file with the model's own columns and kinds: the options that choose
/// columns for training would do nothing there, so giving one is an error rather than silently ignored.</summary>
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
}
