using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// Parametric ReLU, y = x &gt; 0 ? x : a·x, with a learnable slope a per feature, initialised to 0.25 as in
/// PyTorch. Backward gives dx = x &gt; 0 ? dy : a·dy and accumulates da += Σ over the batch of (x ≤ 0 ? x·dy : 0).
/// </summary>
[Layer("prelu", Usage = "prelu — x > 0 ? x : a·x with a learnable slope a per feature (starts at 0.25)", Example = "prelu")]
public sealed class PRelu<T> : ElementwiseLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _slope; // (size, 1)

    public PRelu(LayerSpec spec, int inputs, LayerContext<T> context)
        : base(inputs)
    {
        spec.AtMost(0, "prelu");
        _slope = new Parameter<T>("slope", Matrix<T>.Build.Dense(inputs, 1, T.CreateChecked(0.25)));
        Parameters = [_slope];
    }

    public override IReadOnlyList<Parameter<T>> Parameters { get; }

    public override string Spec => "prelu";

    public override string ToOnnx(OnnxGraph graph, string input, string prefix) =>
        graph.Node("PRelu", [input, graph.Constant($"{prefix}.slope", OnnxGraph.Floats<T>(_slope.Values), InputSize)]);

    // nn.PReLU with one slope per feature: its weight is the slopes, (size).
    public override void ToTorch(TorchSequential model) =>
        model.Parameter<T>(model.Add($"nn.PReLU({InputSize})"), "weight", _slope.Values, InputSize);

    // k runs over (size, batch) column-major, i over the features of one column.
    protected override void Forward(ReadOnlySpan<T> x, Span<T> y, bool training)
    {
        var a = _slope.Values;
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
                y[k] = x[k] > T.Zero ? x[k] : a[i] * x[k];
        }
    }

    protected override void AccumulateParameterGradients(ReadOnlySpan<T> x, ReadOnlySpan<T> dy)
    {
        var da = _slope.Gradients;
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
            {
                if (x[k] <= T.Zero)
                    da[i] += x[k] * dy[k];
            }
        }
    }

    protected override void InputGradient(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
    {
        var a = _slope.Values;
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
                dx[k] = x[k] > T.Zero ? dy[k] : a[i] * dy[k];
        }
    }
}
