using Spectre.Console;

namespace NeuralNet.Cli;

/// <summary>
/// The progress bar's task for a run of epochs. Its epoch text follows the epoch that ended, told at every epoch's
/// end, not the throttled progress callback: on a fast run an epoch is over before the loop reports any progress, and
/// the bar must not go on naming an epoch long finished.
/// </summary>
internal sealed class EpochBar(ProgressTask task, int epochs)
{
    /// <summary>Samples done of the current epoch (the loop's <see cref="Training.TrainingLoop.Progress"/>).</summary>
    public void OnProgress(int done, int total)
    {
        task.MaxValue = total;
        task.Value = done;
    }

    /// <summary>Moves the bar to the next epoch, empty; after the last one it stays full on the last.</summary>
    public void OnEpochEnd(int ended)
    {
        task.Description = Describe(Math.Min(ended + 1, epochs), epochs);
        task.Value = ended >= epochs ? task.MaxValue : 0;
    }

    /// <summary>The bar's text for <paramref name="epoch"/> of <paramref name="epochs"/>, e.g. "epoch 3/500".</summary>
    public static string Describe(int epoch, int epochs) => $"epoch {epoch}/{epochs}";
}
