namespace NeuralNet.Optimizers;

/// <summary>The optimizer options of the command line; each optimizer reads those it uses.</summary>
public sealed record OptimizerSettings(
    double LearningRate,
    double Momentum = 0,
    double WeightDecay = 0,
    bool Nesterov = false,
    double Beta1 = 0.9,
    double Beta2 = 0.999);
