using System.CommandLine;
using NeuralNet.Data;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>The arguments and options of a training run. Each command gets its own instances (a symbol belongs to
/// one command), so the bare form <c>Trainer DATA.csv</c> and <c>Trainer train DATA.csv</c> parse the same way.</summary>
internal sealed class TrainCommandOptions
{
    /// <summary>The largest --epochs: a million passes is far past any useful run, and keeps the epoch column narrow.</summary>
    public const int MaxEpochs = 1_000_000;

    private static readonly TrainingRequest Defaults = new() { DataPath = "" };

    /// <summary>The settings as the pipeline's messages name them: by their options.</summary>
    internal static readonly SettingNames SettingNames = new(
        LabelSmoothing: "--label-smoothing",
        BalancedClassWeight: "--class-weight balanced",
        ClassificationTask: "--task classification",
        Ensemble: "--ensemble",
        Layers: "--layers",
        Hidden: "--hidden",
        BatchSize: "--batch-size",
        SgdSettings: "--momentum or --nesterov");

    private readonly Argument<string> _data = new("DATA.csv") { Description = "CSV file with a header row; one row per sample" };
    private readonly Option<string?> _target = new("--target") { Description = "Target column, by name or 0-based index (negative counts from the end); several, separated by commas, for a multi-output regression [default: the column named target, label, class or y, else the last]", HelpName = "NAME|INDEX[,...]" };
    private readonly CsvOptions _csv = new();
    private readonly Option<string> _task = new("--task") { Description = "Task; auto picks classification for text or few distinct integer targets", DefaultValueFactory = _ => "auto" };
    private readonly Option<double> _valSplit = OptionRules.Real(new("--val-split") { Description = "Share of rows held out for validation (stratified for classification)", DefaultValueFactory = _ => Defaults.ValidationSplit }, new(0, 1, HighInclusive: false));
    private readonly Option<string?> _test = new("--test") { Description = "A separate CSV file with the same columns, evaluated at the end", HelpName = "FILE" };
    private readonly Option<int[]> _hidden = new("--hidden")
    {
        // No DefaultValueFactory: help would show an array default as "64|32"; Read fills it in (or the data does).
        Description = "Hidden layer widths, each a Dense + ReLU pair; 'none' for a linear model [default: from the data: 256,128 under 10,000 training rows, else half the inputs rounded up to a power of two (64 to 256) and half that]",
        HelpName = "64,32",
        CustomParser = OptionRules.ParseWidths,
    };
    private readonly Option<string?> _layers = new("--layers")
    {
        Description = "The network, layer by layer, instead of --hidden; the output layer's size comes from the data: a bare 'dense' at the end, appended when the spec does not end with one. Layers: "
            + string.Join("; ", TrainingChoices.LayerUsages),
        HelpName = "dense:256,relu,dense",
    };
    private readonly Option<string> _optimizer = new("--optimizer") { Description = $"Optimizer: sgd (--momentum, --nesterov), adam or adamw (--beta1, --beta2); all use --lr and --weight-decay [default: {DefaultRecipe.Optimizer}, with --lr and --weight-decay from the data]" };
    private readonly Option<double> _beta1 = OptionRules.Real(new("--beta1") { Description = "adam: decay of the gradient's running mean", DefaultValueFactory = _ => Defaults.Beta1 }, new(0, 1, HighInclusive: false));
    private readonly Option<double> _beta2 = OptionRules.Real(new("--beta2") { Description = "adam: decay of the squared gradient's running mean", DefaultValueFactory = _ => Defaults.Beta2 }, new(0, 1, HighInclusive: false));
    private readonly Option<int> _epochs = OptionRules.Whole(new("--epochs") { Description = "Passes over the training data, at most (early stopping may end sooner) [default: from the data: 3·10¹¹ / (training rows × weights), 10 to 500]" }, 1, MaxEpochs);
    private readonly Option<int> _batchSize = OptionRules.Whole(new("--batch-size") { Description = "Samples per optimizer step [default: from the data: training rows / 100 as a power of two, 32 to 256]" }, 1, int.MaxValue);
    private readonly Option<double> _lr = OptionRules.Real(new("--lr") { Description = "Learning rate [default: adamw: 0.003 · √(batch / 32) · √(64 / inputs) (the last factor only beyond 64 inputs); sgd and adam: " + Fixed(RecipeFill.FixedLearningRate) + "]" }, new(0, 1000, LowInclusive: false));
    private readonly Option<double> _momentum = OptionRules.Real(new("--momentum") { Description = "sgd: momentum", DefaultValueFactory = _ => Defaults.Momentum }, new(0, 1, HighInclusive: false));
    private readonly Option<double> _weightDecay = OptionRules.Real(new("--weight-decay") { Description = "Weight decay: adamw decouples it (torch.optim.AdamW); sgd and adam add it to the gradient (L2) [default: adamw: 1,000 / training rows, 0.1 to 1; sgd and adam: " + Fixed(RecipeFill.FixedWeightDecay) + "]" }, new(0, 1000));
    private readonly Option<bool> _nesterov = new("--nesterov") { Description = "sgd: use Nesterov momentum" };
    private readonly Option<int> _seed = OptionRules.Whole(new("--seed") { Description = "Seed of the split, the initial weights and the batch order", DefaultValueFactory = _ => Defaults.Seed }, 0, int.MaxValue);
    private readonly Option<string?> _history = new("--history") { Description = "Write epoch,train_loss,val_loss,val_metric,seconds to this CSV file", HelpName = "FILE.csv" };
    private readonly Option<string?> _report = new("--report") { Description = "Write the run's summary to this JSON file", HelpName = "FILE.json" };
    private readonly Option<string?> _save = new("--save") { Description = "Save the model to this file [default: runs/DATA-TIMESTAMP.model.json]", HelpName = "MODEL.json" };
    private readonly Option<string?> _resume = new("--resume") { Description = "Continue training a saved model (its architecture and preprocessing, and its --class-weight unless given) on DATA.csv", HelpName = "MODEL.json" };
    private readonly Option<int?> _patience = OptionRules.OptionalWhole(new("--patience") { Description = "Stop after N epochs without a lower validation loss; the best epoch's weights are kept; 0 never stops early [default: from the data: about 2,000 optimizer steps, 10 to 50 epochs, counting a loss 0.1 % below the best]", HelpName = "N" }, 0, int.MaxValue);
    private readonly Option<string> _lrSchedule = new("--lr-schedule") { Description = "Learning-rate schedule: constant; step (--lr-step-epochs, --lr-gamma); plateau on validation loss (--lr-patience, --lr-factor); cosine (--warmup) [default: plateau from 10,000 training rows, else constant]" };
    private readonly Option<int> _lrStepEpochs = OptionRules.Whole(new("--lr-step-epochs") { Description = "step: multiply the learning rate by --lr-gamma every N epochs", HelpName = "N", DefaultValueFactory = _ => Defaults.Schedule.StepEpochs }, 1, int.MaxValue);
    private readonly Option<double> _lrGamma = OptionRules.Real(new("--lr-gamma") { Description = "step: the factor applied every --lr-step-epochs", DefaultValueFactory = _ => Defaults.Schedule.Gamma }, new(0, 1, LowInclusive: false));
    private readonly Option<int> _lrPatience = OptionRules.Whole(new("--lr-patience") { Description = "plateau: epochs without a lower validation loss before the rate drops [default: a third of --patience, at least 3]", HelpName = "N" }, 1, int.MaxValue);
    private readonly Option<double> _lrFactor = OptionRules.Real(new("--lr-factor") { Description = "plateau: the factor applied when the validation loss stalls", DefaultValueFactory = _ => Defaults.Schedule.Factor }, new(0, 1, LowInclusive: false, HighInclusive: false));
    private readonly Option<int> _ensemble = OptionRules.Whole(new("--ensemble") { Description = "Members of an ensemble: the rows are dealt into K folds (stratified for classification), member k validates on fold k and trains on the others, all K train side by side on the --threads workers, and the model averages their outputs; 1 trains one network on the --val-split split", HelpName = "K", DefaultValueFactory = _ => 1 }, 1, 64);
    private readonly Option<int> _warmup = OptionRules.Whole(new("--warmup") { Description = "cosine: epochs over which the learning rate grows linearly to --lr", HelpName = "N", DefaultValueFactory = _ => 0 }, 0, int.MaxValue);
    private readonly Option<double> _labelSmoothing = OptionRules.Real(new("--label-smoothing") { Description = "Classification: train towards (1 − ε)·one-hot + ε/classes instead of the one-hot target; validation and test are scored with plain cross-entropy", DefaultValueFactory = _ => 0 }, new(0, 1, HighInclusive: false));
    private readonly Option<string> _classWeight = new("--class-weight") { Description = "Classification: balanced weighs each class's samples by rows / (classes × the class's rows) in the training split (scikit-learn's class_weight='balanced'); none weighs every sample alike", DefaultValueFactory = _ => "none" };
    private readonly Option<int?> _cv = OptionRules.OptionalWhole(new("--cv") { Description = "Stratified K-fold cross-validation of the whole recipe first (preprocessing fitted per fold; the folds spread over the --threads workers, one worker and one thread each): each fold's test metric and the mean ± std; then the model is trained on the whole file as without --cv and saved", HelpName = "K" }, 2, 1000);
    private readonly Option<string?> _plot = new("--plot") { Description = "Draw the train and validation loss and the validation metric to this PNG file", HelpName = "FILE.png" };
    private readonly Option<bool> _plotLog = new("--plot-log") { Description = "Draw --plot's loss axis in log scale" };
    private readonly Option<bool> _overwrite = new("--overwrite") { Description = "Let an output (--save, --report, --history, --plot) replace an existing file of another kind (a CSV, a report, a model); without it that is refused" };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print only the summary (best and final epochs, speed, test, weights hash, saved files) and errors" };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Print also each feature's fitted encoding (mean and scale, or categories; fill)" };

    public TrainCommandOptions()
    {
        _task.AcceptOnlyFromAmong("auto", "classification", "regression");
        _target.Validators.Add(result =>
        {
            // An empty name would silently mean "the default target", a different column than the user meant to name.
            if (result.Tokens.Count == 1 && result.Tokens[0].Value.Split(',').Any(string.IsNullOrWhiteSpace))
                result.AddError($"--target takes column names or indexes separated by commas; '{result.Tokens[0].Value}' has an empty one");
        });
        _optimizer.AcceptOnlyFromAmong([.. TrainingChoices.OptimizerNames]);
        _layers.Validators.Add(result =>
        {
            try
            {
                TrainingChoices.CheckLayers(result.GetValueOrDefault<string?>() ?? "");
            }
            catch (InputException e)
            {
                result.AddError($"--layers: {e.Message}");
            }
        });
        _lrSchedule.AcceptOnlyFromAmong("constant", "step", "plateau", "cosine");
        _classWeight.AcceptOnlyFromAmong("none", "balanced");
    }

    public Option<string> Blas { get; } = BlasOption();

    public Option<int?> Threads { get; } = ThreadsOption.Create(train: true);

    private IEnumerable<Option> Options => [_target, _task, _valSplit, _test, _hidden, _layers, _epochs, _batchSize, _optimizer, _lr, _momentum, _weightDecay, _nesterov, _beta1, _beta2, _seed,
        _history, _report, _save, _resume, _patience, _lrSchedule, _lrStepEpochs, _lrGamma, _lrPatience, _lrFactor, _ensemble, _warmup, _labelSmoothing, _classWeight, _cv, _plot, _plotLog, _overwrite, _quiet, _verbose, Blas, Threads, .. _csv.All];

    /// <summary>Adds the argument and every option to <paramref name="command"/>.</summary>
    public T AddTo<T>(T command) where T : Command
    {
        command.Arguments.Add(_data);
        foreach (var option in Options)
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetResult(_layers) is { Implicit: false } && result.GetResult(_hidden) is { Implicit: false })
                result.AddError("--layers and --hidden both describe the network; give one of them");
            if (result.GetValue(_quiet) && result.GetValue(_verbose))
                result.AddError("--quiet and --verbose contradict each other; give one of them");
        });
        return command;
    }

    /// <summary>The options from the command line. Those whose default comes from the data are null in the request's
    /// <see cref="TrainingRequest.Settings"/> when not given (and at the fixed values meanwhile:
    /// <see cref="TrainingRequest.WithGiven"/>); <see cref="RecipeFill"/> fills them once the data is read
    /// (<see cref="TrainingRequest.FillFromData"/>).</summary>
    public TrainOptions Read(ParseResult parse) => Read(parse, Options.Where(option => parse.GetResult(option) is { Implicit: false }).Select(option => option.Name).ToHashSet(StringComparer.Ordinal));

    private TrainOptions Read(ParseResult parse, HashSet<string> given) => new()
    {
        Given = given,
        Overwrite = parse.GetValue(_overwrite),
        HistoryPath = parse.GetValue(_history),
        ReportPath = parse.GetValue(_report),
        SavePath = parse.GetValue(_save),
        Folds = parse.GetValue(_cv),
        PlotPath = parse.GetValue(_plot),
        Threads = parse.GetValue(Threads),
        PlotLog = parse.GetValue(_plotLog),
        Verbosity = parse.GetValue(_quiet) ? Verbosity.Quiet : parse.GetValue(_verbose) ? Verbosity.Verbose : Verbosity.Normal,
        Request = new TrainingRequest
        {
            PickDefaultsFromData = true,
            DataPath = parse.GetValue(_data)!,
            Target = parse.GetValue(_target),
            Task = parse.GetValue(_task) switch
            {
                "classification" => TaskKind.Classification,
                "regression" => TaskKind.Regression,
                _ => null,
            },
            ValidationSplit = parse.GetValue(_valSplit),
            TestPath = parse.GetValue(_test),
            Beta1 = parse.GetValue(_beta1),
            Beta2 = parse.GetValue(_beta2),
            Seed = parse.GetValue(_seed),
            ResumePath = parse.GetValue(_resume),
            ClassWeight = ClassWeightOf(parse),
            // The kind, plateau patience and factor are the settings' (WithGiven); these are the step's and cosine's.
            Schedule = new LearningRateScheduleSettings(StepEpochs: parse.GetValue(_lrStepEpochs), Gamma: parse.GetValue(_lrGamma),
                WarmupEpochs: given.Contains(_warmup.Name) ? parse.GetValue(_warmup) : null),
            LabelSmoothing = parse.GetValue(_labelSmoothing),
            Ensemble = parse.GetValue(_ensemble),
            // Training encodes an unseen category as zeros unless told otherwise; the model keeps that for predict and evaluate.
            Data = (_csv.Bind(parse) is var data && data.UnknownCategory is null ? data with { UnknownCategory = UnknownCategoryPolicy.Ignore } : data) with { Workers = parse.GetValue(Threads) },
            Names = SettingNames,
        }.WithGiven(new TrainingSettings(
            Optimizer: GivenValue(parse, _optimizer),
            LearningRate: GivenNumber(parse, _lr),
            WeightDecay: GivenNumber(parse, _weightDecay),
            Momentum: GivenNumber(parse, _momentum),
            Nesterov: GivenNumber(parse, _nesterov),
            BatchSize: GivenNumber(parse, _batchSize),
            Hidden: GivenValue(parse, _hidden),
            Layers: parse.GetValue(_layers),
            Epochs: GivenNumber(parse, _epochs),
            Patience: parse.GetValue(_patience),
            Schedule: given.Contains(_lrSchedule.Name) ? Enum.Parse<LearningRateScheduleKind>(parse.GetValue(_lrSchedule)!, ignoreCase: true) : null,
            LearningRatePatience: GivenNumber(parse, _lrPatience),
            LearningRateFactor: GivenNumber(parse, _lrFactor),
            Ensemble: GivenNumber(parse, _ensemble),
            ClassWeight: given.Contains(_classWeight.Name) ? ClassWeightOf(parse) : null)),
    };

    private static string Fixed(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private ClassWeighting ClassWeightOf(ParseResult parse) => parse.GetValue(_classWeight) == "balanced" ? ClassWeighting.Balanced : ClassWeighting.None;

    // The value of an option the command line gave; null for one left at its default.
    private static T? GivenValue<T>(ParseResult parse, Option<T> option) where T : class =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    private static T? GivenNumber<T>(ParseResult parse, Option<T> option) where T : struct =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    public static Option<string> BlasOption()
    {
        var blas = new Option<string>("--blas") { Description = "Matrix-product backend: auto uses OpenBLAS when it loads, else MathNet's managed provider", DefaultValueFactory = _ => "auto" };
        blas.AcceptOnlyFromAmong("auto", "openblas", "managed");
        return blas;
    }
}
