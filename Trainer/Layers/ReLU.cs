using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Kernels;
using static NeuralNet.Layers.KernelSpans;

namespace NeuralNet.Layers;

/// <summary>
/// Rectified linear unit, y = max(x, 0), on the hand-written SIMD kernels in <see cref="Activations"/>.
/// Backward passes the gradient where the cached input is &gt; 0 and 0 elsewhere, including at exactly 0.
/// </summary>
[Layer("relu", Usage = "relu — max(x, 0)", Example = "relu")]
public sealed class ReLU<T> : ILayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly BatchBuffers<T> _outputs;        // (size, batch)
    private readonly BatchBuffers<T> _inputGradients; // (size, batch)
    private Matrix<T>? _input; // (size, batch), cached by Forward because the backward mask is input > 0

    public ReLU(int size)
    {
        InputSize = size;
        _outputs = new BatchBuffers<T>(size);
        _inputGradients = new BatchBuffers<T>(size);
    }

    public ReLU(LayerSpec spec, int inputs, Random random)
        : this(inputs)
    {
        spec.AtMost(0, "relu");
    }

    public int InputSize { get; }

    public int OutputSize => InputSize;

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public string Spec => "relu";

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        LayerChecks.Rows(input, InputSize, "input");
        _input = input;
        var output = _outputs.For(input.ColumnCount);
        var x = input.AsColumnMajorArray();
        var y = output.AsColumnMajorArray();
        if (typeof(T) == typeof(float))
            Activations.Relu(As<T, float>(x), As<T, float>(y));
        else if (typeof(T) == typeof(double))
            Activations.Relu(As<T, double>(x), As<T, double>(y));
        else
            throw Unsupported<T>("relu");
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
            Activations.ReluBackward(As<T, float>(x), As<T, float>(dy), As<T, float>(dx));
        else if (typeof(T) == typeof(double))
            Activations.ReluBackward(As<T, double>(x), As<T, double>(dy), As<T, double>(dx));
        else
            throw Unsupported<T>("relu");
        return inputGradient;
    }
}
