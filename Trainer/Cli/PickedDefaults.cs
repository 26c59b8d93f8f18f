using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>Fills in the options the command line did not give from <see cref="DefaultRecipe"/>, once the size of the
/// data is known, and says what it picked and why: one line each, such as "picked: batch 256: 48,000 training rows".
/// A given option is never changed.</summary>
internal static class PickedDefaults
{
    /// <summary>What each line starts with; the model file's <c>run.picked</c> keeps the rest.</summary>
    public const string Prefix = "picked: ";

    /// <param name="trainRows">Rows in the training split.</param>
    /// <param name="inputs">Model inputs after encoding.</param>
    /// <param name="outputs">Model outputs.</param>
    /// <param name="resumed">A resumed model keeps its network, so no width is picked.</param>
    public static (TrainOptions Options, IReadOnlyList<string> Lines) Apply(TrainOptions options, int trainRows, int inputs, int outputs, bool resumed)
    {
        if (!options.PickDefaultsFromData)
            return (options, []);
        var recipe = DefaultRecipe.For(trainRows, inputs, outputs);
        var given = options.Given;
        var lines = new List<string>();
        var picked = options;
        bool Pick(string option, string reason)
        {
            if (given.Contains(option))
                return false;
            lines.Add(Prefix + recipe.Reasons[reason]);
            return true;
        }

        if (!given.Contains("--optimizer"))
        {
            // --momentum and --nesterov only mean something to SGD: giving one asks for it.
            bool sgdOption = given.Contains("--momentum") || given.Contains("--nesterov");
            picked = picked with { Optimizer = sgdOption ? "sgd" : DefaultRecipe.Optimizer };
            if (sgdOption)
                lines.Add(Prefix + "optimizer sgd: --momentum or --nesterov given (with SGD's fixed lr 0.01 and weight decay 0.02 unless given)");
        }
        // The rate and decay rules are AdamW's; an optimizer chosen by name keeps the fixed 0.01 and 0.02.
        if (picked.Optimizer == DefaultRecipe.Optimizer)
        {
            if (Pick("--lr", "lr"))
                picked = picked with { LearningRate = recipe.LearningRate };
            if (Pick("--weight-decay", "weight decay"))
                picked = picked with { WeightDecay = recipe.WeightDecay };
        }
        if (Pick("--batch-size", "batch"))
            picked = picked with { BatchSize = recipe.BatchSize };
        if (!resumed && picked.Layers is null && Pick("--hidden", "hidden"))
            picked = picked with { Hidden = recipe.Hidden };
        if (Pick("--epochs", "epochs"))
            picked = picked with { Epochs = recipe.Epochs };
        // Early stopping and the plateau schedule watch the validation loss: nothing to pick without a validation split.
        if (picked.ValidationSplit > 0)
        {
            if (Pick("--patience", "patience"))
                picked = picked with { Patience = recipe.Patience, MinImprovement = DefaultRecipe.MinImprovement };
            if (!given.Contains("--lr-schedule"))
            {
                lines.Add(Prefix + recipe.Reasons["schedule"]);
                if (recipe.LearningRatePatience is { } wait)
                {
                    picked = picked with
                    {
                        Schedule = picked.Schedule with
                        {
                            Kind = LearningRateScheduleKind.Plateau,
                            Patience = given.Contains("--lr-patience") ? picked.Schedule.Patience : wait,
                            Factor = given.Contains("--lr-factor") ? picked.Schedule.Factor : DefaultRecipe.LearningRateFactor,
                            Threshold = DefaultRecipe.MinImprovement,
                        },
                    };
                }
            }
        }
        return (picked, lines);
    }
}
