using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// A residual block (He et al., 2016), y = x + f(x), f being its inner layers, which must give as many values as they
/// take. Backward adds the two paths: dx = dy + f'(x)ᵀ·dy. Its parameters and buffers are f's, named "0.weight"….
/// </summary>
[Layer("residual", Usage = "residual(layers) — x + f(x), f the inner layers, which must give as many values as they take, such as residual(dense:64,relu,dense:64) after a 64-wide layer", Example = "residual(layernorm,swish)")]
public sealed class Residual<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _body; // f: (features, batch) → (features, batch)

    public Residual(LayerSpec spec, int inputs, LayerContext<T> context)
        : base(inputs, inputs)
    {
        spec.AtMost(0, "residual(layers)");
        _body = AddChild("", LayerRegistry.Sequence(spec.Inner("residual(dense:64,relu)"), inputs, context));
        if (_body.OutputSize != inputs)
            throw spec.Error($"its inner layers give {_body.OutputSize} values but take {inputs}; x + f(x) needs as many (end them with dense:{inputs})");
    }

    public override string Spec => $"residual({_body.Spec})";

    public override string Summary => $"residual({_body.Summary})";

    public override string? ToOnnx(OnnxGraph graph, string input, string prefix) =>
        _body.ToOnnx(graph, input, prefix) is { } f ? graph.Node("Add", [input, f]) : null;

    // An nn.Sequential of the body's modules whose forward adds its input: the body's tensors are then named "0.weight",
    // as the body is this layer's child with no prefix of its own.
    public override string? ToTorch(TorchModel model)
    {
        model.Define("Residual", """"
            class Residual(nn.Sequential):
                """NeuralNet's residual(layers): x + f(x), f its layers one after another."""

                def forward(self, x):
                    return x + super().forward(x)
            """");
        return _body.TorchModules(model) is { } modules ? $"Residual({string.Join(", ", modules)})" : null;
    }

    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        var (x, f, y) = (input.AsColumnMajorArray(), _body.Forward(input, training).AsColumnMajorArray(), output.AsColumnMajorArray());
        for (int k = 0; k < y.Length; k++)
            y[k] = x[k] + f[k];
    }

    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        var throughBody = _body.Backward(outputGradient, inputGradientNeeded: inputGradient is not null);
        if (inputGradient is null)
            return;
        var (dy, df, dx) = (outputGradient.AsColumnMajorArray(), throughBody!.AsColumnMajorArray(), inputGradient.AsColumnMajorArray());
        for (int k = 0; k < dx.Length; k++)
            dx[k] = dy[k] + df[k];
    }
}
