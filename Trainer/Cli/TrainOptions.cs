using NeuralNet.Data;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>Everything a training run needs from the command line. The fixed values here are the defaults of a run
/// built in code; the command line picks most of them from the data instead (<see cref="PickDefaultsFromData"/>).</summary>
public sealed record TrainOptions
{
    public required string DataPath { get; init; }
    /// <summary>Target column(s), by name or index; several separated by commas. Null for the last column.</summary>
    public string? Target { get; init; }
    public TaskKind? Task { get; init; }
    public double ValidationSplit { get; init; } = 0.2;
    public string? TestPath { get; init; }
    public IReadOnlyList<int> Hidden { get; init; } = RecipeFill.FixedHidden;

    /// <summary>The <c>--layers</c> spec, such as <c>dense:256,relu,dense</c>; null for <see cref="Hidden"/>'s Dense + ReLU pairs.</summary>
    public string? Layers { get; init; }

    /// <summary>An optimizer registered with <see cref="NeuralNet.Optimizers.OptimizerAttribute"/>: sgd, adam or adamw.</summary>
    public string Optimizer { get; init; } = RecipeFill.FixedOptimizer;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    /// <summary>--ensemble K: train K members on K folds of the rows (each validated on its own fold) and average
    /// them; 1 trains one network on the --val-split split.</summary>
    public int Ensemble { get; init; } = 1;

    /// <summary>--label-smoothing: classification's ε (0 for none).</summary>
    public double LabelSmoothing { get; init; }
    public int Epochs { get; init; } = RecipeFill.FixedEpochs;
    public int BatchSize { get; init; } = RecipeFill.FixedBatchSize;
    public double LearningRate { get; init; } = RecipeFill.FixedLearningRate;
    public double Momentum { get; init; } = RecipeFill.FixedMomentum;
    public double WeightDecay { get; init; } = RecipeFill.FixedWeightDecay;
    public bool Nesterov { get; init; }
    public int Seed { get; init; }
    public string? HistoryPath { get; init; }
    public string? ReportPath { get; init; }

    /// <summary>Where the model is saved; null for runs/STEM-TIMESTAMP.model.json.</summary>
    public string? SavePath { get; init; }

    /// <summary>A saved model to continue training from, instead of fresh weights.</summary>
    public string? ResumePath { get; init; }

    /// <summary>Stop after this many epochs without a better validation loss, and restore the best weights; null never stops early.</summary>
    public int? Patience { get; init; }

    /// <summary>For early stopping, the share by which a validation loss must beat the best to count as an improvement;
    /// 0 (the fixed default) counts any lower loss. Picked as <see cref="DefaultRecipe.MinImprovement"/> with the patience.</summary>
    public double MinImprovement { get; init; }

    /// <summary>--lr-schedule with --lr-step-epochs, --lr-gamma, --lr-patience and --lr-factor.</summary>
    public LearningRateScheduleSettings Schedule { get; init; } = new();

    /// <summary>A PNG file for the loss and metric curves.</summary>
    public string? PlotPath { get; init; }

    /// <summary>--threads: workers that split each batch; null for every core this process may use.</summary>
    public int? Threads { get; init; }

    /// <summary>--quiet: only the summary (best and final epochs, speed, test, hash, saved files) and errors;
    /// --verbose: also each feature's fitted encoding.</summary>
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;

    /// <summary>--overwrite: an output may replace an existing file of another kind.</summary>
    public bool Overwrite { get; init; }

    /// <summary>--plot-log: the plot's loss axis in log scale.</summary>
    public bool PlotLog { get; init; }

    /// <summary>How CSV files are read and their columns encoded (--delimiter, --missing, ...).</summary>
    public DataOptions Data { get; init; } = DataOptions.Default;

    /// <summary>The options given on the command line (e.g. <c>--hidden</c>), as opposed to defaults: --resume refuses
    /// those that contradict the saved model.</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>();

    /// <summary>True from the command line: the settings that <see cref="DefaultRecipe"/> covers (network, optimizer,
    /// rate, decay, batch, epochs, patience, schedule) and <see cref="Settings"/> leaves null are picked from the size
    /// of the data. False keeps the fixed values of this record, for callers that build it in code.</summary>
    public bool PickDefaultsFromData { get; init; }

    /// <summary>The settings the recipe covers as the command line gave them, null where not given; the fields above
    /// hold the values in use (given or fixed, then picked: <see cref="PickedDefaults"/>).</summary>
    public TrainingSettings Settings { get; init; } = new();

    /// <summary>These options with the recipe's settings in use: <paramref name="filled"/> has every value the
    /// recipe covers (<see cref="RecipeFill.Fill"/>).</summary>
    internal TrainOptions With(TrainingSettings filled) => this with
    {
        Optimizer = filled.Optimizer ?? Optimizer,
        LearningRate = filled.LearningRate ?? LearningRate,
        WeightDecay = filled.WeightDecay ?? WeightDecay,
        Momentum = filled.Momentum ?? Momentum,
        Nesterov = filled.Nesterov ?? Nesterov,
        BatchSize = filled.BatchSize ?? BatchSize,
        Hidden = filled.Hidden ?? Hidden,
        Epochs = filled.Epochs ?? Epochs,
        // The settings' 0 is "never stop early", which these options say as null.
        Patience = filled.Patience is null ? Patience : filled.Patience > 0 ? filled.Patience : null,
        Schedule = Schedule with
        {
            Kind = filled.Schedule ?? Schedule.Kind,
            Patience = filled.LearningRatePatience ?? Schedule.Patience,
            Factor = filled.LearningRateFactor ?? Schedule.Factor,
        },
    };

    /// <summary>--class-weight: how each training sample of a class weighs in the loss. A --resume run not
    /// <see cref="Given"/> it keeps the resumed model's recorded weighting (<see cref="TrainRun"/>).</summary>
    public ClassWeighting ClassWeight { get; init; }

    /// <summary>--cv K: cross-validate the recipe over K folds before training the model; null for no cross-validation.</summary>
    public int? Folds { get; init; }

    /// <summary>Checks the rules that tie options together, once every value (given or default) is known: a
    /// System.CommandLine command validator sees an option left at its default as 0, which made "--nesterov" fail
    /// without "--momentum".</summary>
    /// <exception cref="InputException">One line naming the options.</exception>
    public void Validate()
    {
        if (Nesterov && Momentum <= 0)
            throw new InputException(FormattableString.Invariant($"--nesterov needs --momentum greater than 0 (it is {Momentum})"));
        if (Folds is not null && ResumePath is not null)
            throw new InputException("--cv cross-validates the recipe on fresh weights; it cannot continue a --resume model");
        if (ValidationSplit == 0 && (Patience is not null || Schedule.Kind == LearningRateScheduleKind.Plateau))
            throw new InputException($"{(Patience is not null ? "--patience" : "--lr-schedule plateau")} watches the validation loss; it needs --val-split greater than 0");
        // An option of another optimizer or schedule than the one given would be ignored without a word.
        if (Given.Contains("--optimizer") && Optimizer != OptimizerNames.Sgd && Given.FirstOrDefault(o => o is "--momentum" or "--nesterov") is { } sgdOption)
            throw new InputException($"{sgdOption} is SGD's; --optimizer {Optimizer} does not use it; leave it out, or use --optimizer sgd");
        if (Given.Contains("--optimizer") && Optimizer == OptimizerNames.Sgd && Given.FirstOrDefault(o => o is "--beta1" or "--beta2") is { } adamOption)
            throw new InputException($"{adamOption} is Adam's and AdamW's; --optimizer sgd does not use it; leave it out, or use --optimizer adam or adamw");
        if (Given.Contains("--lr-schedule") && Schedule.Kind != LearningRateScheduleKind.Step && Given.FirstOrDefault(o => o is "--lr-step-epochs" or "--lr-gamma") is { } stepOption)
            throw new InputException($"{stepOption} is the step schedule's; --lr-schedule {Schedule.Kind.ToString().ToLowerInvariant()} does not use it; leave it out, or use --lr-schedule step");
        if (Given.Contains("--lr-schedule") && Schedule.Kind != LearningRateScheduleKind.Plateau && Given.FirstOrDefault(o => o is "--lr-patience" or "--lr-factor") is { } plateauOption)
            throw new InputException($"{plateauOption} is the plateau schedule's; --lr-schedule {Schedule.Kind.ToString().ToLowerInvariant()} does not use it; leave it out, or use --lr-schedule plateau");
        if (!Given.Contains("--lr-schedule") && Given.FirstOrDefault(o => o is "--lr-step-epochs" or "--lr-gamma") is { } unscheduled)
            throw new InputException($"{unscheduled} is the step schedule's, which is used only when asked for; add --lr-schedule step");
        if (Given.Contains("--warmup") && Schedule.Kind != LearningRateScheduleKind.Cosine)
            throw new InputException("--warmup is the cosine schedule's; add --lr-schedule cosine, or leave it out");
        if (Ensemble > 1 && ResumePath is not null)
            throw new InputException("--ensemble trains new members on folds of the rows; it cannot continue a --resume model (which keeps its own network)");
        if (Ensemble > 1 && ValidationSplit == 0)
            throw new InputException("--ensemble validates each member on its own fold of the rows; it needs --val-split greater than 0 (0.2: five folds)");
    }

    /// <summary><see cref="Target"/> split at commas; null for the last column.</summary>
    public IReadOnlyList<string>? Targets => Target?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>How much train prints (--quiet, --verbose).</summary>
public enum Verbosity
{
    Quiet,
    Normal,
    Verbose,
}
