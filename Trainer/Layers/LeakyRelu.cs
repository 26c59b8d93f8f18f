using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Kernels;
using static NeuralNet.Layers.KernelSpans;

namespace NeuralNet.Layers;

/// <summary>Leaky ReLU, y = x &gt; 0 ? x : slope·x, on the SIMD kernels in <see cref="Activations"/>.</summary>
[Layer("leaky_relu", Usage = "leaky_relu[:a] — x > 0 ? x : a·x (a defaults to 0.01)", Example = "leaky_relu:0.1")]
public sealed class LeakyRelu<T> : ILayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly double _slope;
    private readonly BatchBuffers<T> _outputs;        // (size, batch)
    private readonly BatchBuffers<T> _inputGradients; // (size, batch)
    private Matrix<T>? _input; // (size, batch), cached by Forward because the backward slope depends on the sign of x

    public LeakyRelu(LayerSpec spec, int inputs, Random random)
    {
        spec.AtMost(1, "leaky_relu[:a]");
        _slope = spec.Number(0, 0.01, "the slope a");
        InputSize = inputs;
        _outputs = new BatchBuffers<T>(inputs);
        _inputGradients = new BatchBuffers<T>(inputs);
    }

    public int InputSize { get; }

    public int OutputSize => InputSize;

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public string Spec => LayerSpec.Format("leaky_relu", _slope);

    /// <summary>The slope below 0 (for export).</summary>
    public double Slope => _slope;

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        LayerChecks.Rows(input, InputSize, "input");
        _input = input;
        var output = _outputs.For(input.ColumnCount);
        var x = input.AsColumnMajorArray();
        var y = output.AsColumnMajorArray();
        if (typeof(T) == typeof(float))
            Activations.LeakyRelu(As<T, float>(x), As<T, float>(y), (float)_slope);
        else if (typeof(T) == typeof(double))
            Activations.LeakyRelu(As<T, double>(x), As<T, double>(y), _slope);
        else
            throw Unsupported<T>("leaky_relu");
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
            Activations.LeakyReluBackward(As<T, float>(x), As<T, float>(dy), As<T, float>(dx), (float)_slope);
        else if (typeof(T) == typeof(double))
            Activations.LeakyReluBackward(As<T, double>(x), As<T, double>(dy), As<T, double>(dx), _slope);
        else
            throw Unsupported<T>("leaky_relu");
        return inputGradient;
    }
}
