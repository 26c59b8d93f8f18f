using NeuralNet.Data;
using NeuralNet.Optimizers;

namespace NeuralNet.Training;

/// <summary>What <see cref="TrainingPipeline"/> trains: the data, and the settings as the caller gave them
/// (<see cref="Settings"/>, null where not given). The other properties hold the values in use: fixed ones, the
/// defaults of a run built in code, until <see cref="FillFromData"/> replaces those the caller left to the recipe.</summary>
public sealed record TrainingRequest
{
    public required string DataPath { get; init; }

    /// <summary>Target column(s), by name or index; several separated by commas. Null for the last column.</summary>
    public string? Target { get; init; }

    public TaskKind? Task { get; init; }
    public double ValidationSplit { get; init; } = 0.2;

    /// <summary>A file of held-out rows scored after training; read before it when it has text columns (their
    /// categories are checked before the training they could waste).</summary>
    public string? TestPath { get; init; }

    public IReadOnlyList<int> Hidden { get; init; } = RecipeFill.FixedHidden;

    /// <summary>A layer spec, such as <c>dense:256,relu,dense</c>; null for <see cref="Hidden"/>'s Dense + ReLU pairs.</summary>
    public string? Layers { get; init; }

    /// <summary>A registered optimizer's name (<c>Optimizers.OptimizerAttribute</c>).</summary>
    public string Optimizer { get; init; } = RecipeFill.FixedOptimizer;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    /// <summary>Members of an ensemble, each trained on all folds of the rows but its own (which validates it), then
    /// averaged; 1 trains one network on the <see cref="ValidationSplit"/> split.</summary>
    public int Ensemble { get; init; } = 1;

    /// <summary>Classification's ε (0 for none).</summary>
    public double LabelSmoothing { get; init; }
    public int Epochs { get; init; } = RecipeFill.FixedEpochs;
    public int BatchSize { get; init; } = RecipeFill.FixedBatchSize;
    public double LearningRate { get; init; } = RecipeFill.FixedLearningRate;
    public double Momentum { get; init; } = RecipeFill.FixedMomentum;
    public double WeightDecay { get; init; } = RecipeFill.FixedWeightDecay;
    public bool Nesterov { get; init; }

    /// <summary>Drives everything through separate streams (split, weights, batch order), so that changing e.g. the
    /// batch size does not change the split.</summary>
    public int Seed { get; init; }

    /// <summary>The seed whose split stream holds out the validation rows instead of <see cref="Seed"/>'s: a resumed
    /// model's, so that its validation rows stay rows it never trained on; null for <see cref="Seed"/>.</summary>
    public int? SplitSeed { get; init; }

    /// <summary>The saved model the run continues (loaded by the caller, see <see cref="ResumedNetwork"/>); named in
    /// the lines only.</summary>
    public string? ResumePath { get; init; }

    /// <summary>Stop after this many epochs without a better validation loss, and restore the best weights; null never stops early.</summary>
    public int? Patience { get; init; }

    /// <summary>For early stopping, the share by which a validation loss must beat the best to count as an improvement;
    /// 0 (the fixed default) counts any lower loss. Picked as <see cref="DefaultRecipe.MinImprovement"/> with the patience.</summary>
    public double MinImprovement { get; init; }

    public LearningRateScheduleSettings Schedule { get; init; } = new();

    /// <summary>How CSV files are read and their columns encoded.</summary>
    public DataOptions Data { get; init; } = DataOptions.Default;

    /// <summary>How each training sample of a class weighs in the loss.</summary>
    public ClassWeighting ClassWeight { get; init; }

    /// <summary>True: the settings that <see cref="DefaultRecipe"/> covers and <see cref="Settings"/> leaves null are
    /// picked from the size of the data. False keeps the fixed values of this record.</summary>
    public bool PickDefaultsFromData { get; init; }

    /// <summary>The settings the recipe covers as the caller gave them, null where not given.</summary>
    public TrainingSettings Settings { get; init; } = new();

    /// <summary>How the caller names the settings in the pipeline's messages and lines.</summary>
    public SettingNames Names { get; init; } = new();

    /// <summary>The optimizer's rate and the settings it reads.</summary>
    public OptimizerSettings OptimizerSettings => new(LearningRate, Momentum, WeightDecay, Nesterov, Beta1, Beta2);

    /// <summary><see cref="Target"/> split at commas; null for the last column.</summary>
    public IReadOnlyList<string>? Targets => Target?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>This request with the settings <see cref="Settings"/> leaves null picked by <see cref="RecipeFill"/>
    /// from the size of the data (the one place the nulls are filled), and the "picked: …" lines; unchanged, with no
    /// line, when <see cref="PickDefaultsFromData"/> is false.</summary>
    /// <param name="trainRows">Rows in the training split.</param>
    /// <param name="inputs">Model inputs after encoding.</param>
    /// <param name="outputs">Model outputs.</param>
    /// <param name="resumed">A resumed model keeps its network, so no width is picked.</param>
    public (TrainingRequest Used, IReadOnlyList<string> Lines) FillFromData(int trainRows, int inputs, int outputs, bool resumed)
    {
        if (!PickDefaultsFromData)
            return (this, []);
        var (filled, picked, lines) = RecipeFill.Fill(Settings, ValidationSplit > 0, trainRows, inputs, outputs, resumed, Names.SgdSettings);
        var used = With(filled);
        if (picked.MinImprovement is { } margin)
            used = used with { MinImprovement = margin };
        if (picked.ScheduleThreshold is { } threshold)
            used = used with { Schedule = used.Schedule with { Threshold = threshold } };
        return (used, lines);
    }

    /// <summary>This request with <paramref name="settings"/> as the caller's: their given values in use, and the fixed
    /// values (<see cref="RecipeFill.FixedFor"/>) for those not given, until <see cref="FillFromData"/> picks them.</summary>
    public TrainingRequest WithGiven(TrainingSettings settings) =>
        (this with { Settings = settings, Layers = settings.Layers }).With(RecipeFill.FixedFor(settings));

    /// <summary>This request with the recipe's settings in use: <paramref name="filled"/> has every value the recipe covers.</summary>
    private TrainingRequest With(TrainingSettings filled) => this with
    {
        Optimizer = filled.Optimizer ?? Optimizer,
        LearningRate = filled.LearningRate ?? LearningRate,
        WeightDecay = filled.WeightDecay ?? WeightDecay,
        Momentum = filled.Momentum ?? Momentum,
        Nesterov = filled.Nesterov ?? Nesterov,
        BatchSize = filled.BatchSize ?? BatchSize,
        Hidden = filled.Hidden ?? Hidden,
        Epochs = filled.Epochs ?? Epochs,
        // The settings' 0 is "never stop early", which this request says as null.
        Patience = filled.Patience is null ? Patience : filled.Patience > 0 ? filled.Patience : null,
        Schedule = Schedule with
        {
            Kind = filled.Schedule ?? Schedule.Kind,
            Patience = filled.LearningRatePatience ?? Schedule.Patience,
            Factor = filled.LearningRateFactor ?? Schedule.Factor,
        },
    };
}
