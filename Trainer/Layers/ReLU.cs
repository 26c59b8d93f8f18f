using NeuralNet.Kernels;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// Rectified linear unit, y = max(x, 0), on the hand-written SIMD kernels in <see cref="Activations"/>.
/// Backward passes the gradient where the cached input is &gt; 0 and 0 elsewhere, including at exactly 0.
/// </summary>
[Layer("relu", Usage = "relu — max(x, 0)", Example = "relu")]
public sealed class ReLU<T> : ElementwiseLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public ReLU(int size)
        : base(size)
    {
    }

    public ReLU(LayerSpec spec, int inputs, LayerContext<T> context)
        : this(inputs)
    {
        spec.AtMost(0, "relu");
    }

    public override string Spec => "relu";

    public override string Description => $"relu {InputSize}";

    public override string ToOnnx(OnnxGraph graph, string input, string prefix) => graph.Node("Relu", [input]);

    // nn.ReLU's gradient at exactly 0 is 0, as here.
    public override void ToTorch(TorchSequential model) => model.Add("nn.ReLU()");

    protected override void Forward(ReadOnlySpan<T> x, Span<T> y, bool training) => Activations.Relu(x, y);

    protected override void InputGradient(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx) => Activations.ReluBackward(x, dy, dx);
}
