using NeuralNet.Optimizers;
using static System.FormattableString;

namespace NeuralNet.Training;

/// <summary>
/// The training settings picked from the size of the data when the command line does not give them: an ensemble of
/// networks (<see cref="Members"/>) trained with AdamW and early stopping on the validation loss that restores the
/// best epoch, and a batch size, network width, learning rate, weight decay, patience and epoch limit that follow the
/// training rows and the inputs. On 10,000 training rows or more the rate is also halved when the validation loss
/// stalls (on fewer, the validation split is too small for a stall to mean anything). The rules were chosen on the
/// quality benchmark: first ten datasets of 96 to 64,000 training rows, then 28 real tables of R packages (30 to
/// 43,000 rows), every idea measured on all of them (docs/quality-experiments.md); none keys on one dataset.
/// <see cref="Reasons"/> says for each value what it was picked from.
/// </summary>
/// <param name="LearningRatePatience">Epochs without a lower validation loss before the rate is halved; null keeps
/// the rate constant.</param>
public sealed record DefaultRecipe(
    int BatchSize,
    IReadOnlyList<int> Hidden,
    int Epochs,
    int Patience,
    double LearningRate,
    double WeightDecay,
    int? LearningRatePatience,
    IReadOnlyDictionary<string, string> Reasons)
{
    public const string Optimizer = OptimizerNames.AdamW;

    /// <summary>A validation loss improves only when 0.1 % below the best, for early stopping and the rate's halving:
    /// without it a loss creeping down by 0.01 % an epoch kept imbalanced training going for 260 epochs.</summary>
    public const double MinImprovement = 0.001;

    /// <summary>The factor applied to the rate when the validation loss stalls.</summary>
    public const double LearningRateFactor = 0.5;

    /// <summary>From this many training rows: a network as wide as the inputs ask (within the time budget), and the
    /// rate halved on a stall.</summary>
    public const int LargeRows = 10_000;

    // batch ≈ rows / 100, a power of two in [32, 256]: about a hundred steps per epoch, and no larger than 256, past
    // which the benchmark's larger sets lost accuracy (multiclass 0.968 at 256, 0.957 at 512).
    private const int RowsPerBatch = 100, MinBatch = 32, MaxBatch = 256;
    // Under LargeRows, 256,128 whatever the inputs: networks that do not shrink on few inputs (RealMLP's lesson). It
    // replaced 64,32 after the check on 29 held-out R tables (docs/quality-experiments.md): ≥ HGB on 17 of them
    // against 14, mean normalised score 0.624 against 0.570; on the 28 tuning tables the counts stayed (25 ≥ MLP and
    // 22 ≥ HGB of 26) while tables of under 200 rows moved both ways by 0.01-0.15. From LargeRows on, the first layer
    // is half the inputs rounded up to a power of two, in [64, 256], the second half as wide: 256,128 there was as
    // good (LetterRecognition better, diamonds equal) but took five times the processor time, past half of
    // scikit-learn's MLP process.
    private const int SmallTableWidth = 256, MinWidth = 64, MaxWidth = 256;
    // AdamW's base rate at batch 32 and up to 64 inputs; it grows with √batch (fewer, less noisy steps) and shrinks
    // with √inputs beyond 64 (Adam moves every weight by about the rate, so a unit's input moves with its fan-in).
    private const double BaseRate = 0.003;
    private const int BaseBatch = 32, BaseInputs = 64;
    // Decoupled weight decay = 1,000 / rows in [0.1, 1]: strong on a few hundred rows, lighter from a thousand. On the
    // real tables with an ensemble, 1 everywhere (the old 10,000 / rows) underfit the tables of 2,000 to 7,000 rows
    // (gapminder R² 0.989, train loss above validation loss) and 0.1 everywhere hurt those under 300 (Prestige 0.760,
    // UScrime −0.73); 1,000 / rows gave the best mean normalised score (0.874 against 0.807 and 0.751).
    private const double DecayRows = 1_000, MinDecay = 0.1, MaxDecay = 1;
    // Early stopping waits about 2,000 optimizer steps, 10 to 50 epochs (digits lost 0.01 with 1,000 steps: 27 epochs).
    private const int PatienceSteps = 2_000, MinPatience = 10, MaxPatience = 50;
    private const int MinRatePatience = 3;
    // At most 3·10¹¹ multiply-adds of forward passes (rows × weights × epochs; about 20 s of one core with the
    // backward pass), 10 to 500 epochs: a run with no flags stays within a minute on a small machine.
    private const double MultiplyAddBudget = 3e11;
    private const int MinEpochs = 10, MaxEpochs = 500;

    /// <param name="trainRows">Rows the model trains on (after the validation split).</param>
    /// <param name="inputs">Model inputs after encoding (one per numeric column, one per category).</param>
    /// <param name="outputs">Model outputs: classes, or regression targets.</param>
    public static DefaultRecipe For(int trainRows, int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trainRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        string rows = Invariant($"{trainRows:N0} training rows");
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);

        int batch = Math.Clamp(FloorPowerOfTwo(trainRows / RowsPerBatch), MinBatch, MaxBatch);
        reasons["batch"] = Invariant($"batch {batch}: {rows}");

        bool large = trainRows >= LargeRows;
        int width = large ? Math.Clamp(CeilingPowerOfTwo(inputs) / 2, MinWidth, MaxWidth) : SmallTableWidth;
        int[] hidden = [width, width / 2];
        reasons["hidden"] = large
            ? Invariant($"hidden {width},{width / 2}: {inputs:N0} inputs")
            : Invariant($"hidden {width},{width / 2}: {rows}, under {LargeRows:N0}");

        double rate = RoundToTwoDigits(BaseRate * Math.Sqrt((double)batch / BaseBatch) * Math.Sqrt((double)BaseInputs / Math.Max(BaseInputs, inputs)));
        int stepsPerEpoch = (trainRows + batch - 1) / batch;
        int patience = Math.Clamp(PatienceSteps / stepsPerEpoch, MinPatience, MaxPatience);
        int? ratePatience = large ? Math.Max(MinRatePatience, patience / 3) : null;
        reasons["lr"] = Invariant($"AdamW lr {rate}: batch {batch}, {inputs:N0} inputs");
        reasons["schedule"] = ratePatience is { } wait
            ? Invariant($"lr halved after {wait} epochs without a lower val_loss: {rows}")
            : Invariant($"constant lr: {rows}, under {LargeRows:N0}");

        double decay = Math.Round(Math.Clamp(DecayRows / trainRows, MinDecay, MaxDecay), 3);
        reasons["weight decay"] = Invariant($"decoupled weight decay {decay}: {rows}");

        reasons["patience"] = Invariant($"early stopping after {patience} epochs without a val_loss 0.1 % below the best: {stepsPerEpoch:N0} steps per epoch");

        long weights = (long)inputs * hidden[0] + (long)hidden[0] * hidden[1] + (long)hidden[1] * outputs;
        int epochs = (int)Math.Clamp(MultiplyAddBudget / ((double)trainRows * weights), MinEpochs, MaxEpochs);
        reasons["epochs"] = Invariant($"at most {epochs} epochs: {rows} × {weights:N0} weights");
        return new DefaultRecipe(batch, hidden, epochs, patience, rate, decay, ratePatience, reasons);
    }

    /// <summary>The members of the ensemble the model averages: five, each validated on its own fifth of the rows and
    /// trained on the rest, so that every row is trained on and the average is steadier than any one network; from
    /// <see cref="LargeRows"/> rows, one per worker, which the workers train side by side in the time of one.</summary>
    /// <param name="rows">The usable rows of the training file (before any is held out).</param>
    /// <param name="workers">The run's workers (--threads).</param>
    public static (int Members, string Reason) Members(int rows, int workers)
    {
        if (rows < FullEnsemble * MinFoldRows)
            return (1, Invariant($"one network: {rows:N0} rows are too few for {FullEnsemble} folds of {MinFoldRows}"));
        if (rows < LargeRows)
            return (FullEnsemble, Invariant($"ensemble of {FullEnsemble}: {rows:N0} rows, under {LargeRows:N0}"));
        int members = Math.Clamp(workers, 1, FullEnsemble);
        return (members, members == 1
            ? Invariant($"one network: {rows:N0} rows, from {LargeRows:N0}, and 1 worker")
            : Invariant($"ensemble of {members}: {rows:N0} rows, from {LargeRows:N0}: one member per worker"));
    }

    /// <summary>Members of the ensemble on fewer than <see cref="LargeRows"/> rows.</summary>
    public const int FullEnsemble = 5;

    /// <summary>The fewest rows a member's validation fold may hold.</summary>
    public const int MinFoldRows = 5;

    private static int FloorPowerOfTwo(int value) => value < 1 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)value + 1) / 2;

    private static int CeilingPowerOfTwo(int value) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, value));

    // Math.Round to decimals gives the double nearest the short decimal, so it prints as 0.0024, not 0.0024000000000000002.
    private static double RoundToTwoDigits(double value) => Math.Round(value, 1 - (int)Math.Floor(Math.Log10(value)));
}
