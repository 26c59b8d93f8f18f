using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// Inverted dropout: while training, each element is kept with probability 1 − p and scaled by 1/(1 − p), so the
/// expected output equals the input and evaluation (and the ONNX form) is the identity. The mask comes from a
/// stream seeded at construction, so a seeded run is reproducible.
/// </summary>
[Layer("dropout", Usage = "dropout[:p] — while training, zero each value with probability p (default 0.5), scale the rest by 1/(1-p)", Example = "dropout:0.3")]
public sealed class Dropout<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _rate;
    private readonly BatchBuffers<T> _masks; // (size, batch): 0 or 1/(1 − p)
    private Random _random;
    private T[]? _mask; // (size, batch), cached by Forward because backward multiplies by the same mask; null after an evaluation forward (identity)

    public Dropout(LayerSpec spec, int inputs, LayerContext<T> context)
        : base(inputs, inputs)
    {
        spec.AtMost(1, "dropout[:p]");
        _rate = spec.Number(0, 0.5, "the drop probability p");
        if (_rate is < 0 or >= 1)
            throw new InputException($"layer '{spec}': the drop probability p must be in [0, 1)");
        _random = new Random(context.Random.Next());
        _masks = new BatchBuffers<T>(inputs);
    }

    public override string Spec => LayerSpec.Format("dropout", _rate);

    public override void Reseed(Random seeds) => _random = new Random(seeds.Next());

    public override string ToOnnx(OnnxGraph graph, string input, string prefix) => input;

    // nn.Dropout is inverted dropout too (kept values scaled by 1/(1 − p)), the identity in eval mode.
    public override string ToTorch(TorchModel model) => $"nn.Dropout({PythonLiteral.Number(_rate)})";

    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        var (x, y) = (input.AsColumnMajorArray(), output.AsColumnMajorArray());
        if (!training)
        {
            _mask = null;
            x.CopyTo(y, 0); // the layer returns its own buffer, never its input
            return;
        }
        _mask = _masks.For(input.ColumnCount).AsColumnMajorArray();
        var m = _mask;
        T scale = T.One / T.CreateChecked(1 - _rate);
        for (int k = 0; k < m.Length; k++)
        {
            m[k] = _random.NextDouble() < _rate ? T.Zero : scale;
            y[k] = x[k] * m[k];
        }
    }

    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        if (inputGradient is null)
            return;
        var (dy, dx) = (outputGradient.AsColumnMajorArray(), inputGradient.AsColumnMajorArray());
        if (_mask is null)
        {
            dy.CopyTo(dx, 0);
            return;
        }
        var m = _mask;
        for (int k = 0; k < dx.Length; k++)
            dx[k] = dy[k] * m[k];
    }
}
