using static System.FormattableString;

namespace NeuralNet.Training;

/// <summary>
/// The training settings picked from the size of the data when the command line does not give them: AdamW with the
/// rate halved when the validation loss stalls, early stopping that restores the best epoch, and a batch size,
/// network width, weight decay and patience that scale with the training rows and the inputs. Each rule was chosen
/// from the quality benchmark over eleven datasets from 96 to 64,000 training rows (docs/quality-experiments.md);
/// none is fitted to one dataset. <see cref="Reasons"/> says, for each value, what it was picked from.
/// </summary>
/// <param name="LearningRatePatience">Epochs without a lower validation loss before the rate is halved.</param>
public sealed record DefaultRecipe(
    int BatchSize,
    IReadOnlyList<int> Hidden,
    int Epochs,
    int Patience,
    double LearningRate,
    double WeightDecay,
    int LearningRatePatience,
    IReadOnlyDictionary<string, string> Reasons)
{
    public const string Optimizer = "adamw";

    /// <summary>The factor applied to the rate when the validation loss stalls.</summary>
    public const double LearningRateFactor = 0.5;

    // The rules' constants, each with what it is for.
    private const int MinBatch = 32, MaxBatch = 512;
    private const int RowsPerBatchStep = 100;    // batch ≈ rows / 100: about a hundred steps per epoch, up to MaxBatch
    private const int MinWidth = 64, MaxWidth = 256;
    private const int RowsForWideNetwork = 10_000; // below this a wider network overfits more than it gains
    private const double DecayRows = 1_000;     // decoupled weight decay = 1,000 / rows, within [MinDecay, MaxDecay]
    private const double MinDecay = 0.01, MaxDecay = 1;
    private const int PatienceSteps = 1_000;    // early stopping waits about this many optimizer steps
    private const int MinPatience = 5, MaxPatience = 50;
    private const int MaxEpochs = 500;
    private const int EpochSampleBudget = 2_000_000; // at most this many samples seen (epochs × rows), at least 20 epochs
    private const int MinEpochs = 20;

    /// <param name="trainRows">Rows the model trains on (after the validation split).</param>
    /// <param name="inputs">Model inputs after encoding (one per numeric column, one per category).</param>
    public static DefaultRecipe For(int trainRows, int inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        string rows = Invariant($"{trainRows:N0} training rows");

        int batch = Math.Clamp(FloorPowerOfTwo(trainRows / RowsPerBatchStep), MinBatch, MaxBatch);
        reasons["batch"] = Invariant($"batch {batch}: {rows}");

        int width = trainRows < RowsForWideNetwork ? MinWidth : Math.Clamp(CeilingPowerOfTwo(inputs) / 2, MinWidth, MaxWidth);
        int[] hidden = [width, width / 2];
        reasons["hidden"] = trainRows < RowsForWideNetwork
            ? Invariant($"hidden {width},{width / 2}: {rows} (under {RowsForWideNetwork:N0})")
            : Invariant($"hidden {width},{width / 2}: {inputs:N0} inputs");

        double decay = Math.Round(Math.Clamp(DecayRows / trainRows, MinDecay, MaxDecay), 3);
        reasons["weight decay"] = Invariant($"decoupled weight decay {decay}: {rows}");

        int stepsPerEpoch = (trainRows + batch - 1) / batch;
        int patience = Math.Clamp(PatienceSteps / stepsPerEpoch, MinPatience, MaxPatience);
        reasons["patience"] = Invariant($"early stopping after {patience} epochs without a lower val_loss ({stepsPerEpoch:N0} steps per epoch)");

        int lrPatience = Math.Max(2, patience / 3);
        double lr = 0.003;
        reasons["lr"] = Invariant($"AdamW lr {lr}, halved after {lrPatience} epochs without a lower val_loss");

        int epochs = Math.Clamp(EpochSampleBudget / trainRows, MinEpochs, MaxEpochs);
        reasons["epochs"] = Invariant($"at most {epochs} epochs: {rows}");
        return new DefaultRecipe(batch, hidden, epochs, patience, lr, decay, lrPatience, reasons);
    }

    private static int FloorPowerOfTwo(int value) => value < 1 ? 1 : (int)BitOperations.RoundUpToPowerOf2((uint)value + 1) / 2;

    private static int CeilingPowerOfTwo(int value) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, value));
}
