using NeuralNet.Data;
using NeuralNet.Optimizers;
using NeuralNet.Reporting;
using NeuralNet.Training;

namespace NeuralNet.Models;

/// <summary>How the saved weights were trained, as the model file's <c>run</c> section states it. The command line
/// fills it, but it is the model's own record: renaming a command-line option does not change the file format.
/// It is informational; what predictions depend on is the architecture and the preprocessing.</summary>
/// <param name="DataPath">The training file, as given.</param>
/// <param name="TestPath">The --test file, when there was one.</param>
/// <param name="Layers">The network that was trained, every layer's spec with its size (e.g. <c>dense:64,relu,dense:3</c>);
/// for a resumed run the saved network's, whatever the command line said.</param>
/// <param name="ValidationSplit">The share of rows held out for validation.</param>
/// <param name="Optimizer">The optimizer's registered name (sgd, adam).</param>
/// <param name="OptimizerSettings">Its learning rate and the settings it reads.</param>
/// <param name="Schedule">The learning-rate schedule.</param>
/// <param name="Epochs">The epochs asked for (the saved epoch is in <c>metrics</c>).</param>
/// <param name="Patience">Early stopping's patience; null when it was off.</param>
/// <param name="Data">How the CSV files were read and encoded.</param>
/// <param name="ResumedFrom">The model file this run continued, or null for fresh weights.</param>
/// <param name="ClassWeight">A classifier's --class-weight (none, balanced); null for regression, and in files saved
/// before it was recorded (which may have been weighted: they do not say).</param>
/// <param name="ClassWeights">The weight of each class's training samples in the loss, by class name in the model's
/// class order, as counted on this run's training split (the targets carry their float rounding); null when unweighted.</param>
/// <param name="MinImprovement">Early stopping's margin: the share by which a validation loss must beat the best to
/// count (0 counts any lower loss); null when early stopping was off, and in files saved before it was recorded.</param>
/// <param name="Picked">What was picked from the size of the data, one reason each ("batch 128: 60,000 training
/// rows"); every setting not listed was given or is a fixed default. Null in files saved before it was recorded.</param>
/// <param name="Threads">The workers each batch was split across (--threads): another count adds the batch's
/// gradients in another order, so the weights may differ in their last bits. Null in files saved before it was recorded.</param>
/// <param name="Blas">The matrix-product backend (openblas, managed), which may also change the last bits.</param>
/// <param name="CrossValidation">The --cv run made before these weights were trained; null without --cv.</param>
public sealed record TrainingRecord(
    string DataPath,
    string? TestPath,
    string Layers,
    double ValidationSplit,
    string Optimizer,
    OptimizerSettings OptimizerSettings,
    LearningRateScheduleSettings Schedule,
    int Epochs,
    int BatchSize,
    int Seed,
    int? Patience,
    DataOptions Data,
    string? ResumedFrom,
    ClassWeighting? ClassWeight = null,
    IReadOnlyDictionary<string, double>? ClassWeights = null,
    double? MinImprovement = null,
    IReadOnlyList<string>? Picked = null,
    int? Threads = null,
    string? Blas = null,
    CrossValidationRecord? CrossValidation = null);

/// <summary>The <c>run.cross_validation</c> record of a --cv K run: what the recipe scored on held-out folds before
/// the saved weights were trained. The folds' own models are not kept.</summary>
/// <param name="K">The number of folds.</param>
/// <param name="Stratified">True for classification: every fold holds each class in the file's proportions.</param>
/// <param name="Rows">The usable rows dealt into the folds.</param>
/// <param name="Metric">"accuracy" or "r2", the figure <see cref="Mean"/> and <see cref="Std"/> are of.</param>
/// <param name="Folds">Each fold in order: rows held out, epochs trained, and its held-out figures.</param>
/// <param name="Mean">The mean of the folds' metric.</param>
/// <param name="Std">Their population standard deviation (divided by K), as the run prints it.</param>
/// <param name="SavedModel">What the saved weights were trained on, in words.</param>
public sealed record CrossValidationRecord(
    int K,
    bool Stratified,
    int Rows,
    string Metric,
    IReadOnlyList<FoldRecord> Folds,
    double Mean,
    double Std,
    string SavedModel);

/// <param name="HeldOut">The rows the fold held out and was scored on.</param>
/// <param name="Epochs">The epochs its model trained (early stopping may end before the limit).</param>
/// <param name="Score">Its figures on the held-out rows (NaN when no epoch gave usable weights).</param>
public sealed record FoldRecord(int HeldOut, int Epochs, RunScore Score);
