using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// A learnable scale per feature, y = s·x with s starting at 1: RealMLP's first layer (Holzmüller et al., 2024),
/// which lets training weigh the inputs before the first dense layer mixes them. Backward gives dx = s·dy and
/// accumulates ds += Σ over the batch of x·dy.
/// </summary>
[Layer("scale", Usage = "scale — multiply each feature by a learnable factor (starts at 1), as RealMLP's first layer", Example = "scale")]
public sealed class Scale<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _scale; // (features, 1)

    public Scale(int inputs)
        : base(inputs, inputs)
    {
        _scale = AddParameter("scale", Matrix<T>.Build.Dense(inputs, 1, T.One));
    }

    public override string Spec => "scale";

    public override string ToOnnx(OnnxGraph graph, string input, string prefix) =>
        graph.Node("Mul", [input, graph.Constant($"{prefix}.scale", OnnxGraph.Floats<T>(_scale.Values), InputSize)]);

    // torch has no such module: the generated file defines one, its parameter named "scale" as here.
    public override string ToTorch(TorchModel model)
    {
        model.Define("Scale", """"
            class Scale(nn.Module):
                """NeuralNet's scale: y = scale * x, a learnable factor per feature (starts at 1)."""

                def __init__(self, features):
                    super().__init__()
                    self.scale = nn.Parameter(torch.ones(features))

                def forward(self, x):
                    return x * self.scale
            """");
        model.Tensor<T>("scale", _scale.Values, InputSize);
        return $"Scale({InputSize})";
    }

    // k runs over (features, batch) column-major, i over the features of one column.
    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        var (x, y, s) = (input.AsColumnMajorArray(), output.AsColumnMajorArray(), _scale.Values);
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
                y[k] = s[i] * x[k];
        }
    }

    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        var (x, dy, s, ds) = (input.AsColumnMajorArray(), outputGradient.AsColumnMajorArray(), _scale.Values, _scale.Gradients);
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
                ds[i] += x[k] * dy[k];
        }
        if (inputGradient is null)
            return;
        var dx = inputGradient.AsColumnMajorArray();
        for (int k = 0; k < x.Length;)
        {
            for (int i = 0; i < InputSize; i++, k++)
                dx[k] = s[i] * dy[k];
        }
    }
}
