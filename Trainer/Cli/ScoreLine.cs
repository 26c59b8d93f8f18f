using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary>The figures of a scored dataset on one line: "loss 0.3121  acc 0.8910  balanced_acc 0.8902  macro_f1 0.8897"
/// for classification (the loss is the log-loss), "loss 0.0015  r2 0.9985  rmse 9.16  mae 7.28" for regression (the
/// loss on the standardised target, the errors in the target's units).</summary>
public static class ScoreLine
{
    public static string Format(Scores scores, bool classification) => classification
        ? Invariant($"loss {scores.Loss:0.0000}  acc {scores.Metric:0.0000}  balanced_acc {scores.BalancedAccuracy:0.0000}  macro_f1 {scores.MacroF1:0.0000}")
        : Invariant($"loss {scores.Loss:0.0000}  r2 {scores.Metric:0.0000}  rmse {scores.Rmse:G4}  mae {scores.Mae:G4}");
}
