using NeuralNet.Data;

namespace NeuralNet.Training;

/// <summary>What <see cref="TrainingPipeline"/> leaves to its caller at each step: the lines it prints go to
/// <see cref="Lines"/>, and the caller may add its own (the data's summary), refuse to go on (no room for the model
/// file) or show the epochs another way (a progress bar). These defaults print the pipeline's own lines only.</summary>
/// <param name="lines">Where the lines printed during training go: what was picked, the model, each epoch.</param>
public class TrainingHooks(TextWriter lines)
{
    public TextWriter Lines { get; } = lines;

    /// <summary>Wraps the reading of the files, when there is nothing to save yet: the command line ends the process at
    /// once on a signal there instead of waiting for the read to finish.</summary>
    public virtual IDisposable Reading(CancellationToken cancel) => NothingToUndo.Instance;

    /// <summary>The training file is read and prepared (before the validation rows may be held out of its rows).</summary>
    public virtual void DataRead(TrainingRequest request, PreparedData data)
    {
    }

    /// <summary>The rows are split: <paramref name="data"/> holds the training and validation rows, or all rows for an
    /// ensemble of <paramref name="members"/> (dealt into <see cref="TrainingPipeline.FoldsFor"/> folds).</summary>
    public virtual void Split(TrainingRequest request, PreparedData data, int members)
    {
    }

    /// <summary>The settings are known and the class weights set, before the network's size is checked.</summary>
    public virtual void Encoded(Preprocessing preprocessing)
    {
    }

    /// <summary>The network fits in memory; called before it is built and trained, with its weights (all members'):
    /// the last moment to refuse the run cheaply.</summary>
    public virtual void BeforeBuilding(Preprocessing preprocessing, long weights)
    {
    }

    /// <summary>Runs <paramref name="train"/>, giving it the function that prints an epoch's line: (the epoch that ended,
    /// its line). <paramref name="loop"/> is the one that reports progress within an epoch.</summary>
    public virtual T Epochs<T>(TrainingLoop loop, int epochs, Func<Action<int, string>, T> train) => train((_, line) => Lines.WriteLine(line));

    private sealed class NothingToUndo : IDisposable
    {
        public static readonly NothingToUndo Instance = new();

        public void Dispose()
        {
        }
    }
}
