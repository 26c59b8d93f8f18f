using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>Swish (SiLU), y = x·σ(x) with σ the logistic sigmoid; dy/dx = σ(x)·(1 + x·(1 − σ(x))).</summary>
[Layer("swish", Usage = "swish — x·sigmoid(x), also called SiLU", Example = "swish")]
public sealed class Swish<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly BatchBuffers<T> _sigmoids; // (size, batch)
    private T[] _sigmoid = []; // (size, batch), cached by Forward so the backward does not recompute σ(x)

    public Swish(int inputs)
        : base(inputs, inputs)
    {
        _sigmoids = new BatchBuffers<T>(inputs);
    }

    public override string Spec => "swish";

    public override string ToOnnx(OnnxGraph graph, string input, string prefix) =>
        graph.Node("Mul", [input, graph.Node("Sigmoid", [input])]);

    public override string ToTorch(TorchModel model) => "nn.SiLU()";

    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        var (x, y) = (input.AsColumnMajorArray(), output.AsColumnMajorArray());
        _sigmoid = _sigmoids.For(input.ColumnCount).AsColumnMajorArray();
        var s = _sigmoid;
        for (int k = 0; k < x.Length; k++)
        {
            s[k] = T.One / (T.One + T.Exp(-x[k]));
            y[k] = x[k] * s[k];
        }
    }

    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        if (inputGradient is null)
            return;
        var (x, dy, dx) = (input.AsColumnMajorArray(), outputGradient.AsColumnMajorArray(), inputGradient.AsColumnMajorArray());
        var s = _sigmoid;
        for (int k = 0; k < x.Length; k++)
            dx[k] = dy[k] * s[k] * (T.One + x[k] * (T.One - s[k]));
    }
}
