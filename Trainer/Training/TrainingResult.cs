using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Optimizers;

namespace NeuralNet.Training;

/// <summary>What <see cref="TrainingPipeline.Run"/> hands back. It holds no dataset of the training file, so that the
/// training matrix is garbage once it returns and a test file read afterwards can reuse its memory.</summary>
/// <param name="Model">The trained network (for an ensemble, the mean of its members), the kept weights in it.</param>
/// <param name="Loop">Scores <paramref name="Model"/> on other rows (the test file).</param>
/// <param name="HasValidation">False without a validation split: the epochs' validation figures are NaN.</param>
/// <param name="LoadSeconds">How long the training file took to read.</param>
/// <param name="Used">The request as used: the given settings and those picked from the data.</param>
/// <param name="ValidationScores">The kept weights' scores on the validation split (an ensemble's: its members' on
/// their own folds), taken before the split is let go; null without a validation split or without usable weights.</param>
/// <param name="EarlyTest">The test file when it was read before training (it has text columns, whose categories
/// are checked before the training they could waste); null when it is to be read after.</param>
/// <param name="ClassWeights">The balanced class weights of the training split, by class; null when unweighted.</param>
/// <param name="Picked">The "picked: …" lines: what was picked from the data, and why.</param>
public sealed record TrainingResult(Preprocessing Preprocessing, Sequential<float> Model, TrainingLoop Loop, IOptimizer<float> Optimizer,
    TrainingOutcome Outcome, bool HasValidation, double LoadSeconds, TrainingRequest Used, Scores? ValidationScores, Dataset? EarlyTest,
    double[]? ClassWeights, IReadOnlyList<string> Picked)
{
    /// <summary>The network's layers as a spec, "dense:8,relu,dense:3": what the model file records it trained.</summary>
    public string LayerSpecs => string.Join(',', Model.Layers.Select(layer => layer.Spec));

    /// <summary>The model is one ensemble layer, as an ensemble's average is: its validation figures are its members'
    /// on their own folds, not one epoch's.</summary>
    public bool IsOneEnsembleLayer => Model.Spec.StartsWith("ensemble:", StringComparison.Ordinal) && Model.Layers.Count == 1;

    /// <summary>The optimizer's learning rate when training stopped.</summary>
    public float LearningRate => Optimizer.LearningRate;
}
