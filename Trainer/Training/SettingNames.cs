namespace NeuralNet.Training;

/// <summary>How the caller names the settings of a <see cref="TrainingRequest"/> in the messages and lines of the
/// training pipeline: the command line by its options (<c>--label-smoothing</c>), a run built in code by these
/// defaults, the request's own words.</summary>
/// <param name="SgdSettings">Momentum and Nesterov, said together: giving one asks for SGD.</param>
/// <param name="BalancedClassWeight">Asking for balanced class weights.</param>
/// <param name="ClassificationTask">Asking for a classification task.</param>
/// <param name="Layers">The layer spec (followed by the spec).</param>
/// <param name="Hidden">The hidden widths (followed by the widths, or "none").</param>
public sealed record SettingNames(
    string LabelSmoothing = "label smoothing",
    string BalancedClassWeight = "balanced class weights",
    string ClassificationTask = "the classification task",
    string Ensemble = "ensemble",
    string Layers = "layers",
    string Hidden = "hidden",
    string BatchSize = "batch size",
    string SgdSettings = "momentum or nesterov");
