using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Kernels;
using static NeuralNet.Layers.KernelSpans;

namespace NeuralNet.Layers;

/// <summary>
/// Generalized ReLU, y = x &gt; t ? a1·x : a0·x, on the SIMD kernels in <see cref="Activations"/>. With t ≠ 0 it
/// jumps at t; the gradient there is a0's side, as the kernel defines it.
/// </summary>
[Layer("generalized_relu", Usage = "generalized_relu[:t,a0,a1] — x > t ? a1·x : a0·x (defaults 0,0,1: ReLU)", Example = "generalized_relu:0.3,0.1,1.5")]
public sealed class GeneralizedRelu<T> : ILayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly double _threshold, _slopeBelow, _slopeAbove;
    private readonly BatchBuffers<T> _outputs;        // (size, batch)
    private readonly BatchBuffers<T> _inputGradients; // (size, batch)
    private Matrix<T>? _input; // (size, batch), cached by Forward because the backward slope depends on x > t

    public GeneralizedRelu(LayerSpec spec, int inputs, Random random)
        : this(inputs, ThresholdOf(spec), spec.Number(1, 0, "the slope a0"), spec.Number(2, 1, "the slope a1"))
    {
    }

    public GeneralizedRelu(int inputs, double threshold, double slopeBelow, double slopeAbove)
    {
        _threshold = threshold;
        _slopeBelow = slopeBelow;
        _slopeAbove = slopeAbove;
        InputSize = inputs;
        _outputs = new BatchBuffers<T>(inputs);
        _inputGradients = new BatchBuffers<T>(inputs);
    }

    public int InputSize { get; }

    public int OutputSize => InputSize;

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public string Spec => LayerSpec.Format("generalized_relu", _threshold, _slopeBelow, _slopeAbove);

    public double Threshold => _threshold;

    public double SlopeBelow => _slopeBelow;

    public double SlopeAbove => _slopeAbove;

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        LayerChecks.Rows(input, InputSize, "input");
        _input = input;
        var output = _outputs.For(input.ColumnCount);
        var x = input.AsColumnMajorArray();
        var y = output.AsColumnMajorArray();
        if (typeof(T) == typeof(float))
            Activations.GeneralizedRelu(As<T, float>(x), As<T, float>(y), (float)_threshold, (float)_slopeBelow, (float)_slopeAbove);
        else if (typeof(T) == typeof(double))
            Activations.GeneralizedRelu(As<T, double>(x), As<T, double>(y), _threshold, _slopeBelow, _slopeAbove);
        else
            throw Unsupported<T>("generalized_relu");
        return output;
    }

    public Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true)
    {
        var input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        LayerChecks.Shape(outputGradient, InputSize, input.ColumnCount, "output gradient");
        if (!inputGradientNeeded)
            return null;
        var inputGradient = _inputGradients.For(input.ColumnCount);
        var x = input.AsColumnMajorArray();
        var dy = outputGradient.AsColumnMajorArray();
        var dx = inputGradient.AsColumnMajorArray();
        if (typeof(T) == typeof(float))
            Activations.GeneralizedReluBackward(As<T, float>(x), As<T, float>(dy), As<T, float>(dx), (float)_threshold, (float)_slopeBelow, (float)_slopeAbove);
        else if (typeof(T) == typeof(double))
            Activations.GeneralizedReluBackward(As<T, double>(x), As<T, double>(dy), As<T, double>(dx), _threshold, _slopeBelow, _slopeAbove);
        else
            throw Unsupported<T>("generalized_relu");
        return inputGradient;
    }

    private static double ThresholdOf(LayerSpec spec)
    {
        spec.AtMost(3, "generalized_relu[:t,a0,a1]");
        return spec.Number(0, 0, "the threshold t");
    }
}
