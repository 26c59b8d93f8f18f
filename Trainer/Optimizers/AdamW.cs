using System.Globalization;
using NeuralNet.Layers;

namespace NeuralNet.Optimizers;

/// <summary>
/// AdamW, following torch.optim.AdamW (amsgrad off): the weight decay is decoupled from the gradient, so it shrinks
/// every weight by the same share whatever its gradient's scale, where Adam's L2 term is divided by √v like the
/// gradient. Each step:
/// <code>
/// p = p·(1 − lr·weightDecay)
/// then Adam's update with the plain gradient (no weight-decay term)
/// </code>
/// </summary>
[Optimizer(OptimizerNames.AdamW)]
public sealed class AdamW<T> : IOptimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Adam<T> _adam;

    public AdamW(T learningRate, T beta1, T beta2, T epsilon, T weightDecay)
    {
        _adam = new Adam<T>(learningRate, beta1, beta2, epsilon, weightDecay: T.Zero);
        WeightDecay = weightDecay;
    }

    /// <summary>Built by <see cref="OptimizerRegistry"/> for <c>--optimizer adamw</c>, with PyTorch's ε = 1e-8.</summary>
    public AdamW(OptimizerSettings settings)
        : this(T.CreateChecked(settings.LearningRate), T.CreateChecked(settings.Beta1), T.CreateChecked(settings.Beta2), T.CreateChecked(1e-8), T.CreateChecked(settings.WeightDecay))
    {
    }

    public T LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    public T Beta1 => _adam.Beta1;

    public T Beta2 => _adam.Beta2;

    public T WeightDecay { get; }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"AdamW lr {LearningRate}, betas {Beta1}/{Beta2}, decoupled weight decay {WeightDecay}");

    public int StateArrays => 2;

    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        BeginStep(parameters);
        // An indexed loop: foreach over an IReadOnlyList would allocate an enumerator on every step.
        for (int i = 0; i < parameters.Count; i++)
            StepSlice(parameters[i], 0, parameters[i].Values.Length, default);
    }

    public void BeginStep(IReadOnlyList<Parameter<T>> parameters) => _adam.BeginStep(parameters);

    // The decay, then Adam's update, element by element in one pass: the same bits as Step for any slices.
    public void StepSlice(Parameter<T> parameter, int start, int count, ReadOnlySpan<T> addedGradient) =>
        _adam.StepSlice(parameter, start, count, addedGradient, T.One - LearningRate * WeightDecay);
}
