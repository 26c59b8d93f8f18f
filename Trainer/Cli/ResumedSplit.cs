using System.Globalization;
using NeuralNet.Models;

namespace NeuralNet.Cli;

/// <summary>
/// A resumed run holds out the rows the saved model held out: its validation rows must be rows it never trained on.
/// The split is drawn from the saved run's seed and validation share (<c>run.seed</c>, <c>run.validation_split</c>),
/// whatever --seed says (--seed still drives the shuffling and dropout), and a
/// --val-split that would hold out other rows is refused; --val-split 0 (train on every row, validate on none) is
/// allowed. A file saved before the run was recorded keeps today's seed and share.
/// </summary>
internal static class ResumedSplit
{
    /// <returns>The options with the saved validation share, the split's random source, and a line for the output
    /// when --seed differs from the saved one (null otherwise).</returns>
    public static (TrainOptions Options, Random SplitRandom, string? Note) Keep(TrainOptions options, SavedModel resumed, Random splitRandom)
    {
        if (resumed.Run is not { } run)
            return (options, splitRandom, null);
        string share = run.ValidationSplit.ToString(CultureInfo.InvariantCulture);
        if (options.Given.Contains("--val-split") && options.ValidationSplit > 0 && options.ValidationSplit != run.ValidationSplit)
            throw new InputException($"--val-split {options.ValidationSplit.ToString(CultureInfo.InvariantCulture)} contradicts the resumed model {options.ResumePath}, which held out {share} of its rows for validation: other validation rows would include rows it trained on; leave --val-split out, or pass --val-split 0 to train on every row");
        if (options.ValidationSplit == 0)
            return (options, splitRandom, null);
        options = options with { ValidationSplit = run.ValidationSplit };
        // The split's stream as TrainRun draws it from a seed: the first of the seed's streams.
        var saved = new Random(new Random(run.Seed).Next());
        string? note = options.Given.Contains("--seed") && options.Seed != run.Seed
            ? $"split: the resumed model's (seed {run.Seed}, val-split {share}), so its validation rows stay rows it never trained on; --seed {options.Seed} drives the shuffling and dropout"
            : null;
        return (options, saved, note);
    }
}
