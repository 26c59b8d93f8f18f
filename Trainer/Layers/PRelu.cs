using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// Parametric ReLU, y = x &gt; 0 ? x : a·x, with a learnable slope a per feature, initialised to 0.25 as in
/// PyTorch. Backward gives dx = x &gt; 0 ? dy : a·dy and accumulates da += Σ over the batch of (x ≤ 0 ? x·dy : 0).
/// </summary>
[Layer("prelu", Usage = "prelu — x > 0 ? x : a·x with a learnable slope a per feature (starts at 0.25)", Example = "prelu")]
public sealed class PRelu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _slope; // (size, 1)

    public PRelu(int inputs)
        : base(inputs, inputs)
    {
        _slope = AddParameter("slope", Matrix<T>.Build.Dense(inputs, 1, T.CreateChecked(0.25)));
    }

    public override string Spec => "prelu";

    public override string ToOnnx(OnnxGraph graph, string input, string prefix) =>
        graph.Node("PRelu", [input, graph.Constant($"{prefix}.slope", OnnxGraph.Floats<T>(_slope.Values), InputSize)]);

    // nn.PReLU with one slope per feature: its weight is the slopes, (size).
    public override string ToTorch(TorchModel model)
    {
        model.Tensor<T>("weight", _slope.Values, InputSize);
        return $"nn.PReLU({InputSize})";
    }

    // k runs over (size, batch) column-major, i over the features of one column.
    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        var (x, y) = (input.AsColumnMajorArray(), output.AsColumnMajorArray());
        var a = _slope.Values;
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
                y[k] = x[k] > T.Zero ? x[k] : a[i] * x[k];
        }
    }

    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        var (x, dy) = (input.AsColumnMajorArray(), outputGradient.AsColumnMajorArray());
        var da = _slope.Gradients;
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
            {
                if (x[k] <= T.Zero)
                    da[i] += x[k] * dy[k];
            }
        }
        if (inputGradient is null)
            return;
        var dx = inputGradient.AsColumnMajorArray();
        var a = _slope.Values;
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
                dx[k] = x[k] > T.Zero ? dy[k] : a[i] * dy[k];
        }
    }
}
