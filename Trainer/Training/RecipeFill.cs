using NeuralNet.Optimizers;
using static System.FormattableString;

namespace NeuralNet.Training;

/// <summary>Fills in the <see cref="TrainingSettings"/> a run was not given, once the size of the data is known: from
/// <see cref="DefaultRecipe"/>, or the fixed values below where the recipe does not pick (an optimizer chosen by name
/// keeps the fixed rate and decay). It says what it picked and why: one line each, such as "picked: batch 256: 48,000
/// training rows"; the fixed values are not reported. A given value is never changed.</summary>
public static class RecipeFill
{
    /// <summary>What each line starts with; the model file's <c>run.picked</c> keeps the rest.</summary>
    public const string Prefix = "picked: ";

    /// <summary>The fixed values: the whole run when it is built in code, and SGD's and Adam's rate and decay.</summary>
    public const string FixedOptimizer = OptimizerNames.Sgd;
    public const double FixedLearningRate = 0.01, FixedWeightDecay = 0.02, FixedMomentum = 0.9;
    public const int FixedBatchSize = 32, FixedEpochs = 150;
    public static readonly IReadOnlyList<int> FixedHidden = [64, 32];

    /// <summary>The settings of a run with every value given, as <paramref name="given"/> has them, or else fixed (no
    /// recipe: for runs built in code).</summary>
    public static TrainingSettings FixedFor(TrainingSettings given) => given with
    {
        Optimizer = given.Optimizer ?? FixedOptimizer,
        LearningRate = given.LearningRate ?? FixedLearningRate,
        WeightDecay = given.WeightDecay ?? FixedWeightDecay,
        Momentum = given.Momentum ?? FixedMomentum,
        BatchSize = given.BatchSize ?? FixedBatchSize,
        Hidden = given.Layers is null ? given.Hidden ?? FixedHidden : given.Hidden,
        Epochs = given.Epochs ?? FixedEpochs,
    };

    /// <summary>The recipe's values for what <paramref name="given"/> leaves null, and the "picked: …" lines.</summary>
    /// <param name="validates">The run holds out a validation split: early stopping and the plateau schedule watch
    /// its loss, so without one neither is picked.</param>
    /// <param name="trainRows">Rows in the training split.</param>
    /// <param name="inputs">Model inputs after encoding.</param>
    /// <param name="outputs">Model outputs.</param>
    /// <param name="resumed">A resumed model keeps its network, so no width is picked.</param>
    /// <returns>The settings with the picked values (and <see cref="FixedFor"/>'s for the rest); the early-stopping
    /// margin <see cref="DefaultRecipe.MinImprovement"/> when the patience was picked; the plateau schedule when the
    /// schedule was picked as one.</returns>
    /// <param name="sgdSettingsGiven">How the caller names <see cref="TrainingSettings.Momentum"/> and
    /// <see cref="TrainingSettings.Nesterov"/>, for the line that says SGD was picked because one was given.</param>
    public static (TrainingSettings Filled, Picked Picked, IReadOnlyList<string> Lines) Fill(TrainingSettings given, bool validates,
        int trainRows, int inputs, int outputs, bool resumed, string sgdSettingsGiven = "momentum or nesterov")
    {
        var recipe = DefaultRecipe.For(trainRows, inputs, outputs);
        var lines = new List<string>();
        var filled = given;
        bool Pick<T>(T? value, string reason)
        {
            if (value is not null)
                return false;
            lines.Add(Prefix + recipe.Reasons[reason]);
            return true;
        }

        if (given.Optimizer is null)
        {
            // Momentum and Nesterov only mean something to SGD: giving one asks for it.
            bool sgdSetting = given.Momentum is not null || given.Nesterov is not null;
            filled = filled with { Optimizer = sgdSetting ? FixedOptimizer : DefaultRecipe.Optimizer };
            if (sgdSetting)
                lines.Add(Prefix + Invariant($"optimizer {FixedOptimizer}: {sgdSettingsGiven} given (with SGD's fixed lr {FixedLearningRate} and weight decay {FixedWeightDecay} unless given)"));
        }
        // The rate and decay rules are AdamW's; an optimizer chosen by name keeps the fixed ones.
        if (filled.Optimizer == DefaultRecipe.Optimizer)
        {
            if (Pick(given.LearningRate, "lr"))
                filled = filled with { LearningRate = recipe.LearningRate };
            if (Pick(given.WeightDecay, "weight decay"))
                filled = filled with { WeightDecay = recipe.WeightDecay };
        }
        if (Pick(given.BatchSize, "batch"))
            filled = filled with { BatchSize = recipe.BatchSize };
        if (!resumed && given.Layers is null && Pick(given.Hidden, "hidden"))
            filled = filled with { Hidden = recipe.Hidden };
        if (Pick(given.Epochs, "epochs"))
            filled = filled with { Epochs = recipe.Epochs };
        var picked = new Picked(null, null);
        if (validates)
        {
            if (Pick(given.Patience, "patience"))
            {
                filled = filled with { Patience = recipe.Patience };
                picked = picked with { MinImprovement = DefaultRecipe.MinImprovement };
            }
            if (given.Schedule is null)
            {
                lines.Add(Prefix + recipe.Reasons["schedule"]);
                if (recipe.LearningRatePatience is { } wait)
                {
                    filled = filled with
                    {
                        Schedule = LearningRateScheduleKind.Plateau,
                        LearningRatePatience = given.LearningRatePatience ?? wait,
                        LearningRateFactor = given.LearningRateFactor ?? DefaultRecipe.LearningRateFactor,
                    };
                    picked = picked with { ScheduleThreshold = DefaultRecipe.MinImprovement };
                }
            }
        }
        return (FixedFor(filled), picked, lines);
    }

    /// <summary>The recipe picks the ensemble's members (<see cref="Members"/>) when none is given, for a fresh model
    /// with a validation split whose network the caller does not describe: a given network is the model's exactly (an
    /// ensemble of such networks is a given <see cref="TrainingSettings.Ensemble"/>, or an ensemble layer).</summary>
    public static bool PicksMembers(TrainingSettings given, bool validates, bool resumed) =>
        !resumed && validates && given.LeavesTheModelToTheRecipe;

    /// <summary>The members <see cref="DefaultRecipe.Members"/> picks, and the "picked: …" line that says why.</summary>
    /// <param name="rows">The usable rows of the training file (before any is held out).</param>
    /// <param name="workers">The run's workers.</param>
    public static (int Members, string Line) Members(int rows, int workers)
    {
        var (members, reason) = DefaultRecipe.Members(rows, workers);
        return (members, Prefix + reason);
    }

    /// <summary>What the recipe sets beyond the settings a caller can give.</summary>
    /// <param name="MinImprovement">The share by which a validation loss must beat the best to count for early
    /// stopping; null when the patience was given.</param>
    /// <param name="ScheduleThreshold">The same for the plateau schedule; null when the schedule was not picked as one.</param>
    public sealed record Picked(double? MinImprovement, double? ScheduleThreshold);
}
