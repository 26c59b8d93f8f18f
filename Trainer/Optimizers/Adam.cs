using System.Globalization;
using NeuralNet.Layers;

namespace NeuralNet.Optimizers;

/// <summary>
/// Adam, following the update PyTorch documents for torch.optim.Adam (amsgrad off, L2 weight decay added to the
/// gradient, not decoupled as in AdamW):
/// <code>
/// g = grad + weightDecay·p
/// m = β1·m + (1 − β1)·g          v = β2·v + (1 − β2)·g²       (m, v start at 0; t counts steps from 1)
/// p = p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
/// </code>
/// </summary>
[Optimizer(OptimizerNames.Adam)]
public sealed class Adam<T> : IOptimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Dictionary<Parameter<T>, (T[] M, T[] V)> _moments = []; // per parameter, its shape, created on first step
    private int _step;
    private T _stepSize;        // of the current step, set by BeginStep
    private T _rootCorrection2; // of the current step, set by BeginStep

    public Adam(T learningRate, T beta1, T beta2, T epsilon, T weightDecay = default)
    {
        if (beta1 < T.Zero || beta1 >= T.One || beta2 < T.Zero || beta2 >= T.One)
            throw new ArgumentException("Adam's betas must be in [0, 1)");
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <summary>Built by <see cref="OptimizerRegistry"/> for <c>--optimizer adam</c>, with PyTorch's ε = 1e-8.</summary>
    public Adam(OptimizerSettings settings)
        : this(T.CreateChecked(settings.LearningRate), T.CreateChecked(settings.Beta1), T.CreateChecked(settings.Beta2), T.CreateChecked(1e-8), T.CreateChecked(settings.WeightDecay))
    {
    }

    public T LearningRate { get; set; }

    public T Beta1 { get; }

    public T Beta2 { get; }

    public T Epsilon { get; }

    public T WeightDecay { get; }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"Adam lr {LearningRate}, betas {Beta1}/{Beta2}, weight decay {WeightDecay}");

    public int StateArrays => 2;

    public void Step(IReadOnlyList<Parameter<T>> parameters)
    {
        BeginStep(parameters);
        // An indexed loop: foreach over an IReadOnlyList would allocate an enumerator on every step.
        for (int i = 0; i < parameters.Count; i++)
            StepSlice(parameters[i], 0, parameters[i].Values.Length, default);
    }

    public void BeginStep(IReadOnlyList<Parameter<T>> parameters)
    {
        _step++;
        // The bias corrections depend on the step only: computed once here, in double, as PyTorch does in Python floats.
        _stepSize = LearningRate / T.CreateChecked(1 - Math.Pow(double.CreateChecked(Beta1), _step));
        _rootCorrection2 = T.CreateChecked(Math.Sqrt(1 - Math.Pow(double.CreateChecked(Beta2), _step)));
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!_moments.ContainsKey(parameters[i]))
                _moments.Add(parameters[i], (new T[parameters[i].Values.Length], new T[parameters[i].Values.Length]));
        }
    }

    public void StepSlice(Parameter<T> parameter, int start, int count, ReadOnlySpan<T> addedGradient) =>
        StepSlice(parameter, start, count, addedGradient, T.One);

    /// <summary><see cref="StepSlice(Parameter{T}, int, int, ReadOnlySpan{T})"/> with each value first multiplied by
    /// <paramref name="keep"/> in the same pass: AdamW's decoupled decay. Multiplying by 1 changes no bits, so Adam's
    /// own step is this with <paramref name="keep"/> = 1.</summary>
    internal void StepSlice(Parameter<T> parameter, int start, int count, ReadOnlySpan<T> addedGradient, T keep)
    {
        var (m, v) = _moments[parameter];
        Update(parameter.Values.AsSpan(start, count), parameter.Gradients.AsSpan(start, count), addedGradient, m.AsSpan(start, count), v.AsSpan(start, count), keep);
    }

    // One fused pass: SIMD over Vector<T>, then the same arithmetic in scalar for the tail.
    private void Update(Span<T> p, ReadOnlySpan<T> grad, ReadOnlySpan<T> added, Span<T> m, Span<T> v, T keep)
    {
        T b1 = Beta1, b2 = Beta2, eps = Epsilon, wd = WeightDecay, oneMinusB1 = T.One - Beta1, oneMinusB2 = T.One - Beta2;
        T stepSize = _stepSize, rootCorrection2 = _rootCorrection2;
        bool hasAdded = !added.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vb1 = new Vector<T>(b1);
            var vb2 = new Vector<T>(b2);
            var v1b1 = new Vector<T>(oneMinusB1);
            var v1b2 = new Vector<T>(oneMinusB2);
            var veps = new Vector<T>(eps);
            var vwd = new Vector<T>(wd);
            var vstep = new Vector<T>(stepSize);
            var vroot = new Vector<T>(rootCorrection2);
            var vkeep = new Vector<T>(keep);
            for (; i <= p.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var pv = new Vector<T>(p[i..]) * vkeep;
                var gradient = hasAdded ? new Vector<T>(grad[i..]) + new Vector<T>(added[i..]) : new Vector<T>(grad[i..]);
                var g = gradient + vwd * pv;
                var mv = vb1 * new Vector<T>(m[i..]) + v1b1 * g;
                var vv = vb2 * new Vector<T>(v[i..]) + v1b2 * (g * g);
                mv.CopyTo(m[i..]);
                vv.CopyTo(v[i..]);
                (pv - vstep * mv / (Vector.SquareRoot(vv) / vroot + veps)).CopyTo(p[i..]);
            }
        }
        for (; i < p.Length; i++)
        {
            T pi = p[i] * keep;
            T g = (hasAdded ? grad[i] + added[i] : grad[i]) + wd * pi;
            m[i] = b1 * m[i] + oneMinusB1 * g;
            v[i] = b2 * v[i] + oneMinusB2 * (g * g);
            p[i] = pi - stepSize * m[i] / (T.Sqrt(v[i]) / rootCorrection2 + eps);
        }
    }
}
