using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Layers;

/// <summary>
/// Parametric ReLU, y = x &gt; 0 ? x : a·x, with a learnable slope a per feature, initialised to 0.25 as in
/// PyTorch. Backward gives dx = x &gt; 0 ? dy : a·dy and accumulates da += Σ over the batch of (x ≤ 0 ? x·dy : 0).
/// </summary>
[Layer("prelu", Usage = "prelu — x > 0 ? x : a·x with a learnable slope a per feature (starts at 0.25)", Example = "prelu")]
public sealed class PRelu<T> : ILayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _slope;              // (size, 1)
    private readonly BatchBuffers<T> _outputs;         // (size, batch)
    private readonly BatchBuffers<T> _inputGradients;  // (size, batch)
    private Matrix<T>? _input; // (size, batch), cached by Forward: both gradients depend on the sign of x, da on x itself

    public PRelu(LayerSpec spec, int inputs, Random random)
    {
        spec.AtMost(0, "prelu");
        InputSize = inputs;
        _slope = new Parameter<T>("slope", Matrix<T>.Build.Dense(inputs, 1, T.CreateChecked(0.25)));
        Parameters = [_slope];
        _outputs = new BatchBuffers<T>(inputs);
        _inputGradients = new BatchBuffers<T>(inputs);
    }

    public int InputSize { get; }

    public int OutputSize => InputSize;

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public string Spec => "prelu";

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        LayerChecks.Rows(input, InputSize, "input");
        _input = input;
        var output = _outputs.For(input.ColumnCount);
        var x = input.AsColumnMajorArray();
        var y = output.AsColumnMajorArray();
        var a = _slope.Values;
        for (int j = 0, k = 0; j < input.ColumnCount; j++)
        {
            for (int i = 0; i < InputSize; i++, k++)
                y[k] = x[k] > T.Zero ? x[k] : a[i] * x[k];
        }
        return output;
    }

    public Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true)
    {
        var input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        LayerChecks.Shape(outputGradient, InputSize, input.ColumnCount, "output gradient");
        var x = input.AsColumnMajorArray();
        var dy = outputGradient.AsColumnMajorArray();
        var a = _slope.Values;
        var da = _slope.Gradients;
        for (int j = 0, k = 0; j < input.ColumnCount; j++)
        {
            for (int i = 0; i < InputSize; i++, k++)
            {
                if (x[k] <= T.Zero)
                    da[i] += x[k] * dy[k];
            }
        }
        if (!inputGradientNeeded)
            return null;
        var inputGradient = _inputGradients.For(input.ColumnCount);
        var dx = inputGradient.AsColumnMajorArray();
        for (int j = 0, k = 0; j < input.ColumnCount; j++)
        {
            for (int i = 0; i < InputSize; i++, k++)
                dx[k] = x[k] > T.Zero ? dy[k] : a[i] * dy[k];
        }
        return inputGradient;
    }
}
