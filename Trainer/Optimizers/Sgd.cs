using System.Globalization;
using NeuralNet.Layers;

namespace NeuralNet.Optimizers;

/// <summary>
/// Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay, following the update that
/// PyTorch documents for torch.optim.SGD (dampening 0):
/// <code>
/// g = grad + weightDecay·p
/// b = momentum·b + g            (b starts at 0, so the first step gives b = g)
/// g = nesterov ? g + momentum·b : b
/// p = p − lr·g
/// </code>
/// </summary>
[Optimizer(OptimizerNames.Sgd)]
public sealed class Sgd<T> : IOptimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Dictionary<Parameter<T>, T[]> _velocity = []; // per parameter, its shape, created on first step

    public Sgd(T learningRate, T momentum = default, T weightDecay = default, bool nesterov = false)
    {
        if (nesterov && momentum <= T.Zero)
            throw new ArgumentException("Nesterov momentum needs momentum > 0", nameof(nesterov));
        LearningRate = learningRate;
        Momentum = momentum;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    /// <summary>Built by <see cref="OptimizerRegistry"/> for <c>--optimizer sgd</c>.</summary>
    public Sgd(OptimizerSettings settings)
        : this(T.CreateChecked(settings.LearningRate), T.CreateChecked(settings.Momentum), T.CreateChecked(settings.WeightDecay), settings.Nesterov)
    {
    }

    public T LearningRate { get; set; }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"SGD lr {LearningRate}, momentum {Momentum}{(Nesterov ? " (Nesterov)" : "")}, weight decay {WeightDecay}");

    public int StateArrays => Momentum == T.Zero ? 0 : 1;

    public T Momentum { get; }

    public T WeightDecay { get; }

    public bool Nesterov { get; }

    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        BeginStep(parameters);
        // An indexed loop: foreach over an IReadOnlyList would allocate an enumerator on every step.
        for (int i = 0; i < parameters.Count; i++)
            StepSlice(parameters[i], 0, parameters[i].Values.Length, default);
    }

    public void BeginStep(IReadOnlyList<Parameter<T>> parameters)
    {
        if (Momentum == T.Zero)
            return;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!_velocity.ContainsKey(parameters[i]))
                _velocity.Add(parameters[i], new T[parameters[i].Values.Length]);
        }
    }

    public void StepSlice(Parameter<T> parameter, int start, int count, ReadOnlySpan<T> addedGradient)
    {
        var velocity = Momentum == T.Zero ? [] : _velocity[parameter].AsSpan(start, count);
        Update(parameter.Values.AsSpan(start, count), parameter.Gradients.AsSpan(start, count), addedGradient, velocity);
    }

    // One fused pass over the parameter: SIMD over Vector<T>, then the same arithmetic in scalar for the tail,
    // so every element gets bit-identical results whichever path it takes.
    private void Update(Span<T> p, ReadOnlySpan<T> grad, ReadOnlySpan<T> added, Span<T> velocity)
    {
        T lr = LearningRate, mu = Momentum, wd = WeightDecay;
        bool hasMomentum = !velocity.IsEmpty, hasAdded = !added.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vlr = new Vector<T>(lr);
            var vmu = new Vector<T>(mu);
            var vwd = new Vector<T>(wd);
            for (; i <= p.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var pv = new Vector<T>(p[i..]);
                var gradient = hasAdded ? new Vector<T>(grad[i..]) + new Vector<T>(added[i..]) : new Vector<T>(grad[i..]);
                var g = gradient + vwd * pv;
                if (hasMomentum)
                {
                    var b = vmu * new Vector<T>(velocity[i..]) + g;
                    b.CopyTo(velocity[i..]);
                    g = Nesterov ? g + vmu * b : b;
                }
                (pv - vlr * g).CopyTo(p[i..]);
            }
        }
        for (; i < p.Length; i++)
        {
            T g = (hasAdded ? grad[i] + added[i] : grad[i]) + wd * p[i];
            if (hasMomentum)
            {
                T b = mu * velocity[i] + g;
                velocity[i] = b;
                g = Nesterov ? g + mu * b : b;
            }
            p[i] -= lr * g;
        }
    }
}
