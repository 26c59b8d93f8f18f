using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>Leaky ReLU, y = x &gt; 0 ? x : a·x. It is generalized_relu:0,a,1, so it is that layer (and its SIMD
/// kernels) with its own spec and ONNX operator rather than a repeat of it.</summary>
[Layer("leaky_relu", Usage = "leaky_relu[:a] — x > 0 ? x : a·x (a defaults to 0.01)", Example = "leaky_relu:0.1")]
public sealed class LeakyRelu<T> : GeneralizedRelu<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public LeakyRelu(LayerSpec spec, int inputs)
        : base(inputs, 0, SlopeOf(spec), 1)
    {
    }

    public override string Spec => LayerSpec.Format("leaky_relu", SlopeBelow);

    public override string ToOnnx(OnnxGraph graph, string input, string prefix) =>
        graph.Node("LeakyRelu", [input], ("alpha", (float)SlopeBelow));

    public override string ToTorch(TorchModel model) => $"nn.LeakyReLU({PythonLiteral.Number(SlopeBelow)})";

    private static double SlopeOf(LayerSpec spec)
    {
        spec.AtMost(1, "leaky_relu[:a]");
        return spec.Number(0, 0.01, "the slope a");
    }
}
