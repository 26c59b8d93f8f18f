using NeuralNet.Data;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>The command line's part in the training pipeline's steps: the data's summary, the end at once on a
/// signal while files are read, the room for the model file, --verbose's encodings and the progress bar.</summary>
/// <param name="lines">Where the lines go: the output, or nothing under --quiet.</param>
internal sealed class TrainHooks(TextWriter lines, TrainOptions options) : TrainingHooks(lines)
{
    public override IDisposable Reading(CancellationToken cancel) => InterruptSignal.ExitAtOnceOn(cancel);

    public override void DataRead(TrainingRequest request, PreparedData data)
    {
        foreach (string line in DataSummary.Lines(request, data))
            Lines.WriteLine(line);
    }

    public override void Split(TrainingRequest request, PreparedData data, int members) => Lines.WriteLine(DataSummary.Split(request, data, members));

    public override void Encoded(Preprocessing preprocessing)
    {
        if (options.Verbosity != Verbosity.Verbose)
            return;
        foreach (string line in DataSummary.Encodings(preprocessing))
            Lines.WriteLine(line);
    }

    /// <summary>The save's folder must have room for the file before the weights are trained, not after.</summary>
    public override void BeforeBuilding(Preprocessing preprocessing, long weights) => TrainingChecks.SaveRoom(options, weights, preprocessing);

    public override T Epochs<T>(TrainingLoop loop, int epochs, Func<Action<int, string>, T> train) => EpochProgress.Run(Lines, loop, epochs, train);
}
