namespace NeuralNet.Optimizers;

/// <summary>The names the built-in optimizers are registered under (<see cref="OptimizerAttribute"/>), for the code
/// that picks one: the recipe's AdamW, the fixed SGD. The model file records the name.</summary>
public static class OptimizerNames
{
    public const string Sgd = "sgd", Adam = "adam", AdamW = "adamw";
}
