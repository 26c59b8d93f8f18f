using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>Everything a training run needs from the command line: the <see cref="Request"/> for the training
/// pipeline, and what the command does around it (the outputs, how much it prints, the cross-validation first).</summary>
public sealed record TrainOptions
{
    /// <summary>What the training pipeline is asked to train: the data, the settings as given, and the fixed values.</summary>
    public required TrainingRequest Request { get; init; }

    public string? HistoryPath { get; init; }
    public string? ReportPath { get; init; }

    /// <summary>Where the model is saved; null for runs/STEM-TIMESTAMP.model.json.</summary>
    public string? SavePath { get; init; }

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

    /// <summary>The options given on the command line (e.g. <c>--hidden</c>), as opposed to defaults: --resume refuses
    /// those that contradict the saved model.</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>();

    /// <summary>--cv K: cross-validate the recipe over K folds before training the model; null for no cross-validation.</summary>
    public int? Folds { get; init; }

    /// <summary>Checks the rules that tie options together, once every value (given or default) is known: a
    /// System.CommandLine command validator sees an option left at its default as 0, which made "--nesterov" fail
    /// without "--momentum".</summary>
    /// <exception cref="InputException">One line naming the options.</exception>
    public void Validate()
    {
        var (nesterov, momentum, resumePath, validationSplit, patience, schedule, optimizer, ensemble) =
            (Request.Nesterov, Request.Momentum, Request.ResumePath, Request.ValidationSplit, Request.Patience, Request.Schedule, Request.Optimizer, Request.Ensemble);
        if (nesterov && momentum <= 0)
            throw new InputException(FormattableString.Invariant($"--nesterov needs --momentum greater than 0 (it is {momentum})"));
        if (Folds is not null && resumePath is not null)
            throw new InputException("--cv cross-validates the recipe on fresh weights; it cannot continue a --resume model");
        if (validationSplit == 0 && (patience is not null || schedule.Kind == LearningRateScheduleKind.Plateau))
            throw new InputException($"{(patience is not null ? "--patience" : "--lr-schedule plateau")} watches the validation loss; it needs --val-split greater than 0");
        // An option of another optimizer or schedule than the one given would be ignored without a word.
        if (Given.Contains("--optimizer") && optimizer != OptimizerNames.Sgd && Given.FirstOrDefault(o => o is "--momentum" or "--nesterov") is { } sgdOption)
            throw new InputException($"{sgdOption} is SGD's; --optimizer {optimizer} does not use it; leave it out, or use --optimizer sgd");
        if (Given.Contains("--optimizer") && optimizer == OptimizerNames.Sgd && Given.FirstOrDefault(o => o is "--beta1" or "--beta2") is { } adamOption)
            throw new InputException($"{adamOption} is Adam's and AdamW's; --optimizer sgd does not use it; leave it out, or use --optimizer adam or adamw");
        if (Given.Contains("--lr-schedule") && schedule.Kind != LearningRateScheduleKind.Step && Given.FirstOrDefault(o => o is "--lr-step-epochs" or "--lr-gamma") is { } stepOption)
            throw new InputException($"{stepOption} is the step schedule's; --lr-schedule {schedule.Kind.ToString().ToLowerInvariant()} does not use it; leave it out, or use --lr-schedule step");
        if (Given.Contains("--lr-schedule") && schedule.Kind != LearningRateScheduleKind.Plateau && Given.FirstOrDefault(o => o is "--lr-patience" or "--lr-factor") is { } plateauOption)
            throw new InputException($"{plateauOption} is the plateau schedule's; --lr-schedule {schedule.Kind.ToString().ToLowerInvariant()} does not use it; leave it out, or use --lr-schedule plateau");
        if (!Given.Contains("--lr-schedule") && Given.FirstOrDefault(o => o is "--lr-step-epochs" or "--lr-gamma") is { } unscheduled)
            throw new InputException($"{unscheduled} is the step schedule's, which is used only when asked for; add --lr-schedule step");
        if (Given.Contains("--warmup") && schedule.Kind != LearningRateScheduleKind.Cosine)
            throw new InputException("--warmup is the cosine schedule's; add --lr-schedule cosine, or leave it out");
        if (ensemble > 1 && resumePath is not null)
            throw new InputException("--ensemble trains new members on folds of the rows; it cannot continue a --resume model (which keeps its own network)");
        if (ensemble > 1 && validationSplit == 0)
            throw new InputException("--ensemble validates each member on its own fold of the rows; it needs --val-split greater than 0 (0.2: five folds)");
    }
}

/// <summary>How much train prints (--quiet, --verbose).</summary>
public enum Verbosity
{
    Quiet,
    Normal,
    Verbose,
}
