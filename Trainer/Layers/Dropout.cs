using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;

namespace NeuralNet.Layers;

/// <summary>
/// Inverted dropout: while training, each element is kept with probability 1 − p and scaled by 1/(1 − p), so the
/// expected output equals the input and evaluation is the identity. The mask comes from a stream seeded at
/// construction, so a seeded run is reproducible.
/// </summary>
[Layer("dropout", Usage = "dropout[:p] — while training, zero each value with probability p (default 0.5), scale the rest by 1/(1-p)", Example = "dropout:0.3")]
public sealed class Dropout<T> : ILayer<T>, ISeededLayer where T : struct, IFloatingPointIeee754<T>
{
    private readonly double _rate;
    private readonly BatchBuffers<T> _outputs;        // (size, batch)
    private readonly BatchBuffers<T> _masks;          // (size, batch): 0 or 1/(1 − p)
    private readonly BatchBuffers<T> _inputGradients; // (size, batch)
    private Random _random;
    private Matrix<T>? _mask; // (size, batch), cached by Forward because backward multiplies by the same mask; null after an evaluation forward (identity)
    private int _batch = -1;

    public Dropout(LayerSpec spec, int inputs, Random random)
    {
        spec.AtMost(1, "dropout[:p]");
        _rate = spec.Number(0, 0.5, "the drop probability p");
        if (_rate is < 0 or >= 1)
            throw new InputException($"layer '{spec}': the drop probability p must be in [0, 1)");
        InputSize = inputs;
        _random = new Random(random.Next());
        _outputs = new BatchBuffers<T>(inputs);
        _masks = new BatchBuffers<T>(inputs);
        _inputGradients = new BatchBuffers<T>(inputs);
    }

    public int InputSize { get; }

    public int OutputSize => InputSize;

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public string Spec => LayerSpec.Format("dropout", _rate);

    public void Reseed(int seed) => _random = new Random(seed);

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        LayerChecks.Rows(input, InputSize, "input");
        _batch = input.ColumnCount;
        var output = _outputs.For(input.ColumnCount);
        var x = input.AsColumnMajorArray();
        var y = output.AsColumnMajorArray();
        if (!training)
        {
            _mask = null;
            x.AsSpan().CopyTo(y); // the layer returns its own buffer, never its input
            return output;
        }
        _mask = _masks.For(input.ColumnCount);
        var m = _mask.AsColumnMajorArray();
        T scale = T.One / T.CreateChecked(1 - _rate);
        for (int k = 0; k < m.Length; k++)
        {
            m[k] = _random.NextDouble() < _rate ? T.Zero : scale;
            y[k] = x[k] * m[k];
        }
        return output;
    }

    public Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true)
    {
        if (_batch < 0)
            throw new InvalidOperationException("Backward called before Forward.");
        LayerChecks.Shape(outputGradient, InputSize, _batch, "output gradient");
        if (!inputGradientNeeded)
            return null;
        var inputGradient = _inputGradients.For(_batch);
        var dy = outputGradient.AsColumnMajorArray();
        var dx = inputGradient.AsColumnMajorArray();
        if (_mask is null)
        {
            dy.AsSpan().CopyTo(dx);
            return inputGradient;
        }
        var m = _mask.AsColumnMajorArray();
        for (int k = 0; k < dx.Length; k++)
            dx[k] = dy[k] * m[k];
        return inputGradient;
    }
}
