using System.Globalization;
using NeuralNet.Models;
using NeuralNet.Training;

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
    /// <returns>The options with the saved validation share and split seed (<see cref="TrainingRequest.SplitSeed"/>),
    /// and a line for the output when --seed differs from the saved one (null otherwise).</returns>
    public static (TrainOptions Options, string? Note) Keep(TrainOptions options, SavedModel resumed)
    {
        var request = options.Request;
        if (resumed.Run is not { } run)
            return (options, null);
        string share = run.ValidationSplit.ToString(CultureInfo.InvariantCulture);
        if (options.Given.Contains("--val-split") && request.ValidationSplit > 0 && request.ValidationSplit != run.ValidationSplit)
            throw new InputException($"--val-split {request.ValidationSplit.ToString(CultureInfo.InvariantCulture)} contradicts the resumed model {request.ResumePath}, which held out {share} of its rows for validation: other validation rows would include rows it trained on; leave --val-split out, or pass --val-split 0 to train on every row");
        if (request.ValidationSplit == 0)
            return (options, null);
        options = options with { Request = request with { ValidationSplit = run.ValidationSplit, SplitSeed = run.Seed } };
        string? note = options.Given.Contains("--seed") && request.Seed != run.Seed
            ? $"split: the resumed model's (seed {run.Seed}, val-split {share}), so its validation rows stay rows it never trained on; --seed {request.Seed} drives the shuffling and dropout"
            : null;
        return (options, note);
    }
}
