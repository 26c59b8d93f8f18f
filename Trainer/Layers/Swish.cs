using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>Swish (SiLU), y = x·σ(x) with σ the logistic sigmoid; dy/dx = σ(x)·(1 + x·(1 − σ(x))).</summary>
[Layer("swish", Usage = "swish — x·sigmoid(x), also called SiLU", Example = "swish")]
public sealed class Swish<T> : ILayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly BatchBuffers<T> _outputs;        // (size, batch)
    private readonly BatchBuffers<T> _sigmoids;       // (size, batch)
    private readonly BatchBuffers<T> _inputGradients; // (size, batch)
    private Matrix<T>? _input;   // (size, batch), cached by Forward: the derivative needs x
    private Matrix<T>? _sigmoid; // (size, batch), cached by Forward so Backward does not recompute σ(x)

    public Swish(LayerSpec spec, int inputs, Random random)
    {
        spec.AtMost(0, "swish");
        InputSize = inputs;
        _outputs = new BatchBuffers<T>(inputs);
        _sigmoids = new BatchBuffers<T>(inputs);
        _inputGradients = new BatchBuffers<T>(inputs);
    }

    public int InputSize { get; }

    public int OutputSize => InputSize;

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public string Spec => "swish";

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        LayerChecks.Rows(input, InputSize, "input");
        _input = input;
        _sigmoid = _sigmoids.For(input.ColumnCount);
        var output = _outputs.For(input.ColumnCount);
        var x = input.AsColumnMajorArray();
        var s = _sigmoid.AsColumnMajorArray();
        var y = output.AsColumnMajorArray();
        for (int k = 0; k < x.Length; k++)
        {
            s[k] = T.One / (T.One + T.Exp(-x[k]));
            y[k] = x[k] * s[k];
        }
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
        var s = _sigmoid!.AsColumnMajorArray();
        var dy = outputGradient.AsColumnMajorArray();
        var dx = inputGradient.AsColumnMajorArray();
        for (int k = 0; k < x.Length; k++)
            dx[k] = dy[k] * s[k] * (T.One + x[k] * (T.One - s[k]));
        return inputGradient;
    }
}
