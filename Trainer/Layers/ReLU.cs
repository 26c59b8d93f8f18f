using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Kernels;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// Rectified linear unit, y = max(x, 0), on the hand-written SIMD kernels in <see cref="Activations"/>.
/// Backward passes the gradient where the cached input is &gt; 0 and 0 elsewhere, including at exactly 0.
/// </summary>
[Layer("relu", Usage = "relu — max(x, 0)", Example = "relu")]
public sealed class ReLU<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public ReLU(int size)
        : base(size, size)
    {
    }

    public override string Spec => "relu";

    public override string Description => $"relu {InputSize}";

    public override string ToOnnx(OnnxGraph graph, string input, string prefix) => graph.Node("Relu", [input]);

    // nn.ReLU's gradient at exactly 0 is 0, as here.
    public override string ToTorch(TorchModel model) => "nn.ReLU()";

    protected override void Forward(Matrix<T> x, Matrix<T> y, bool training) => Activations.Relu<T>(x.AsColumnMajorArray(), y.AsColumnMajorArray());

    protected override void Backward(Matrix<T> x, Matrix<T> dy, Matrix<T>? dx)
    {
        if (dx is not null)
            Activations.ReluBackward<T>(x.AsColumnMajorArray(), dy.AsColumnMajorArray(), dx.AsColumnMajorArray());
    }
}
