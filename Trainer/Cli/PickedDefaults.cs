using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>The options as used: <see cref="RecipeFill"/> fills the settings the command line did not give
/// (<see cref="TrainOptions.Settings"/>) once the size of the data is known, and its values replace the options'.</summary>
internal static class PickedDefaults
{
    /// <param name="trainRows">Rows in the training split.</param>
    /// <param name="inputs">Model inputs after encoding.</param>
    /// <param name="outputs">Model outputs.</param>
    /// <param name="resumed">A resumed model keeps its network, so no width is picked.</param>
    /// <returns>The options with the settings filled, and the "picked: …" lines.</returns>
    public static (TrainOptions Options, IReadOnlyList<string> Lines) Apply(TrainOptions options, int trainRows, int inputs, int outputs, bool resumed)
    {
        if (!options.PickDefaultsFromData)
            return (options, []);
        var (filled, picked, lines) = RecipeFill.Fill(options.Settings, options.ValidationSplit > 0, trainRows, inputs, outputs, resumed, TrainCommandOptions.SgdOptions);
        var used = options.With(filled);
        if (picked.MinImprovement is { } margin)
            used = used with { MinImprovement = margin };
        if (picked.ScheduleThreshold is { } threshold)
            used = used with { Schedule = used.Schedule with { Threshold = threshold } };
        return (used, lines);
    }
}
