using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>Leaky ReLU, y = x &gt; 0 ? x : a·x. It is generalized_relu:0,a,1, so it runs that layer (and its SIMD
/// kernels) rather than repeat it.</summary>
[Layer("leaky_relu", Usage = "leaky_relu[:a] — x > 0 ? x : a·x (a defaults to 0.01)", Example = "leaky_relu:0.1")]
public sealed class LeakyRelu<T> : ILayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly GeneralizedRelu<T> _piecewise;

    public LeakyRelu(LayerSpec spec, int inputs, Random random)
    {
        spec.AtMost(1, "leaky_relu[:a]");
        _piecewise = new GeneralizedRelu<T>(inputs, 0, spec.Number(0, 0.01, "the slope a"), 1);
    }

    public int InputSize => _piecewise.InputSize;

    public int OutputSize => InputSize;

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public string Spec => LayerSpec.Format("leaky_relu", Slope);

    public double Slope => _piecewise.SlopeBelow;

    public Matrix<T> Forward(Matrix<T> input, bool training) => _piecewise.Forward(input, training);

    public Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true) => _piecewise.Backward(outputGradient, inputGradientNeeded);
}
