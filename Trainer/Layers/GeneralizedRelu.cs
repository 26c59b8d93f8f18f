using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Kernels;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// Generalized ReLU, y = x &gt; t ? a1·x : a0·x, on the SIMD kernels in <see cref="Activations"/>. With t ≠ 0 it
/// jumps at t; the gradient there is a0's side, as the kernel defines it.
/// </summary>
[Layer("generalized_relu", Usage = "generalized_relu[:t,a0,a1] — x > t ? a1·x : a0·x (defaults 0,0,1: ReLU)", Example = "generalized_relu:0.3,0.1,1.5")]
public class GeneralizedRelu<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // Kept as given for the spec (a saved spec rebuilds the same layer); the kernels take them in T.
    private readonly double _threshold, _slopeBelow, _slopeAbove;

    public GeneralizedRelu(LayerSpec spec, int inputs)
        : this(inputs, ThresholdOf(spec), spec.Number(1, 0, "the slope a0"), spec.Number(2, 1, "the slope a1"))
    {
    }

    public GeneralizedRelu(int inputs, double threshold, double slopeBelow, double slopeAbove)
        : base(inputs, inputs)
    {
        _threshold = threshold;
        _slopeBelow = slopeBelow;
        _slopeAbove = slopeAbove;
    }

    public override string Spec => LayerSpec.Format("generalized_relu", _threshold, _slopeBelow, _slopeAbove);

    protected double SlopeBelow => _slopeBelow;

    // x > t ? a1·x : a0·x, as Where(Greater(x, t), Mul(x, a1), Mul(x, a0)).
    public override string ToOnnx(OnnxGraph graph, string input, string prefix)
    {
        string above = graph.Node("Greater", [input, graph.Constant($"{prefix}.threshold", [(float)_threshold])]);
        string slopeAbove = graph.Node("Mul", [input, graph.Constant($"{prefix}.slope_above", [(float)_slopeAbove])]);
        string slopeBelow = graph.Node("Mul", [input, graph.Constant($"{prefix}.slope_below", [(float)_slopeBelow])]);
        return graph.Node("Where", [above, slopeAbove, slopeBelow]);
    }

    // torch has no such module: the generated file defines one, torch.where(x > t, a1·x, a0·x), whose gradient at
    // x = t is a0's side, as the kernel's.
    public override string ToTorch(TorchModel model)
    {
        model.Define("GeneralizedReLU", """"
            class GeneralizedReLU(nn.Module):
                """NeuralNet's generalized_relu: x > threshold ? slope_above * x : slope_below * x."""

                def __init__(self, threshold, slope_below, slope_above):
                    super().__init__()
                    self.threshold, self.slope_below, self.slope_above = threshold, slope_below, slope_above

                def forward(self, x):
                    return torch.where(x > self.threshold, self.slope_above * x, self.slope_below * x)

                def extra_repr(self):
                    return f"threshold={self.threshold}, slope_below={self.slope_below}, slope_above={self.slope_above}"
            """");
        return $"GeneralizedReLU({PythonLiteral.Number(_threshold)}, {PythonLiteral.Number(_slopeBelow)}, {PythonLiteral.Number(_slopeAbove)})";
    }

    protected override void Forward(Matrix<T> x, Matrix<T> y, bool training) =>
        Activations.GeneralizedRelu<T>(x.AsColumnMajorArray(), y.AsColumnMajorArray(), T.CreateChecked(_threshold), T.CreateChecked(_slopeBelow), T.CreateChecked(_slopeAbove));

    protected override void Backward(Matrix<T> x, Matrix<T> dy, Matrix<T>? dx)
    {
        if (dx is not null)
        {
            Activations.GeneralizedReluBackward<T>(x.AsColumnMajorArray(), dy.AsColumnMajorArray(), dx.AsColumnMajorArray(),
                T.CreateChecked(_threshold), T.CreateChecked(_slopeBelow), T.CreateChecked(_slopeAbove));
        }
    }

    private static double ThresholdOf(LayerSpec spec)
    {
        spec.AtMost(3, "generalized_relu[:t,a0,a1]");
        return spec.Number(0, 0, "the threshold t");
    }
}
