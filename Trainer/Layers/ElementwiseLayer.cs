using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>
/// The scaffolding of a layer that maps each value on its own, so the output has the input's shape (size, batch):
/// the size, the output and input-gradient buffers, the shape checks, and the input cached by
/// <see cref="Forward(Matrix{T}, bool)"/> for <see cref="Backward(Matrix{T}, bool)"/>. A subclass writes its maths
/// in <see cref="Forward(ReadOnlySpan{T}, Span{T}, bool)"/> and <see cref="InputGradient"/> (plus
/// <see cref="AccumulateParameterGradients"/> if it learns something), on column-major spans of (size, batch).
/// </summary>
public abstract class ElementwiseLayer<T> : ILayer<T>, IOnnxLayer, ITorchLayer where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly BatchBuffers<T> _outputs;        // (size, batch)
    private readonly BatchBuffers<T> _inputGradients; // (size, batch)
    private Matrix<T>? _input; // (size, batch), cached by Forward: every derivative here depends on x

    protected ElementwiseLayer(int size)
    {
        InputSize = size;
        _outputs = new BatchBuffers<T>(size);
        _inputGradients = new BatchBuffers<T>(size);
    }

    public int InputSize { get; }

    public int OutputSize => InputSize;

    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    public abstract string Spec { get; }

    public virtual string Description => $"{Spec} {InputSize}→{OutputSize}";

    public virtual string Summary => Spec;

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        LayerChecks.Rows(input, InputSize, "input");
        _input = input;
        var output = _outputs.For(input.ColumnCount);
        Forward(input.AsColumnMajorArray(), output.AsColumnMajorArray(), training);
        return output;
    }

    public Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true)
    {
        var input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        LayerChecks.Shape(outputGradient, InputSize, input.ColumnCount, "output gradient");
        var x = input.AsColumnMajorArray();
        var dy = outputGradient.AsColumnMajorArray();
        AccumulateParameterGradients(x, dy);
        if (!inputGradientNeeded)
            return null;
        var inputGradient = _inputGradients.For(input.ColumnCount);
        InputGradient(x, dy, inputGradient.AsColumnMajorArray());
        return inputGradient;
    }

    public abstract string ToOnnx(Onnx.OnnxGraph graph, string input, string prefix);

    public abstract void ToTorch(PyTorch.TorchSequential model);

    /// <summary>y = f(x), both (size, batch) column-major; y is the layer's own buffer, never x.</summary>
    protected abstract void Forward(ReadOnlySpan<T> x, Span<T> y, bool training);

    /// <summary>dx = f'(x)·dy for the x of the last forward, all (size, batch) column-major.</summary>
    protected abstract void InputGradient(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx);

    /// <summary>Adds (+=) the gradients of the layer's parameters, if it has any; called on every backward, also
    /// when the input gradient is not needed.</summary>
    protected virtual void AccumulateParameterGradients(ReadOnlySpan<T> x, ReadOnlySpan<T> dy)
    {
    }
}
