namespace NeuralNet.Training;

/// <summary>The settings of a run that <see cref="DefaultRecipe"/> may pick, as the caller gave them: null is "not
/// given", and <see cref="RecipeFill.Fill"/> fills the nulls in one place once the size of the data is known (the
/// optimizer, its rate and decay, the batch, the network, the epochs always; the patience and the schedule when the
/// recipe picks them; the rest stay null, the caller's "not given"). A given value is never changed.</summary>
/// <param name="Optimizer">A registered optimizer's name (<c>Optimizers.OptimizerAttribute</c>).</param>
/// <param name="Momentum">SGD's; given (or <paramref name="Nesterov"/> given) it asks for SGD.</param>
/// <param name="Hidden">Widths of the Dense + ReLU pairs; empty for a linear model.</param>
/// <param name="Layers">A layer spec, which describes the network instead of <paramref name="Hidden"/>.</param>
/// <param name="Patience">Epochs without a better validation loss before stopping; 0 never stops early.</param>
/// <param name="Ensemble">Members of the ensemble; 1 trains one network.</param>
public sealed record TrainingSettings(
    string? Optimizer = null,
    double? LearningRate = null,
    double? WeightDecay = null,
    double? Momentum = null,
    bool? Nesterov = null,
    int? BatchSize = null,
    IReadOnlyList<int>? Hidden = null,
    string? Layers = null,
    int? Epochs = null,
    int? Patience = null,
    LearningRateScheduleKind? Schedule = null,
    int? LearningRatePatience = null,
    double? LearningRateFactor = null,
    int? Ensemble = null,
    ClassWeighting? ClassWeight = null)
{
    /// <summary>Neither a network (<see cref="Hidden"/>, <see cref="Layers"/>) nor <see cref="Ensemble"/> is given:
    /// the recipe may pick the ensemble's members.</summary>
    public bool LeavesTheModelToTheRecipe => Hidden is null && Layers is null && Ensemble is null;
}
