using NeuralNet.Data;
using NeuralNet.Optimizers;
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
    string? ResumedFrom);
