using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// Layer normalisation (Ba et al., 2016), as PyTorch's LayerNorm over the features: each sample (column) is normalised
/// by its own mean μ and biased variance σ² over the features, x̂ = (x − μ)/√(σ² + ε), then y = γ·x̂ + β with a
/// learnable scale and shift per feature. It needs no batch, so training and evaluation compute the same.
/// </summary>
[Layer("layernorm", Usage = "layernorm — normalise each sample over its features, then a learnable scale and shift per feature", Example = "layernorm")]
public sealed class LayerNorm<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private const double Epsilon = 1e-5; // PyTorch's default

    private readonly Parameter<T> _scale;         // γ (features, 1), starts at 1
    private readonly Parameter<T> _shift;         // β (features, 1), starts at 0
    private readonly BatchBuffers<T> _normalised; // x̂ (features, batch), per batch size
    private readonly BatchBuffers<T> _deviations; // 1/√(σ² + ε) (1, batch), per batch size
    private T[] _xHat = [];                       // x̂ (features, batch), cached by Forward: backward is written in x̂
    private T[] _inverseDeviation = [];           // (batch), cached by Forward

    public LayerNorm(int inputs)
        : base(inputs, inputs)
    {
        _scale = AddParameter("weight", Matrix<T>.Build.Dense(inputs, 1, T.One));
        _shift = AddParameter("bias", Matrix<T>.Build.Dense(inputs, 1));
        _normalised = new BatchBuffers<T>(inputs);
        _deviations = new BatchBuffers<T>(1);
    }

    public override string Spec => "layernorm";

    // ONNX's LayerNormalization needs opset 17 (the graph is 13), so it is written out over axis 1 of (batch, features).
    public override string ToOnnx(OnnxGraph graph, string input, string prefix)
    {
        string centred = graph.Node("Sub", [input, graph.Node("ReduceMean", [input], ("axes", new long[] { 1 }), ("keepdims", 1))]);
        string variance = graph.Node("ReduceMean", [graph.Node("Mul", [centred, centred])], ("axes", new long[] { 1 }), ("keepdims", 1));
        string deviation = graph.Node("Sqrt", [graph.Node("Add", [variance, graph.Constant($"{prefix}.epsilon", [(float)Epsilon])])]);
        string normalised = graph.Node("Div", [centred, deviation]);
        return graph.Node("Add", [
            graph.Node("Mul", [normalised, graph.Constant($"{prefix}.weight", OnnxGraph.Floats<T>(_scale.Values), InputSize)]),
            graph.Constant($"{prefix}.bias", OnnxGraph.Floats<T>(_shift.Values), InputSize)]);
    }

    // nn.LayerNorm over the last dimension of (batch, features): each sample over its features, as here.
    public override string ToTorch(TorchModel model)
    {
        model.Tensor<T>("weight", _scale.Values, InputSize);
        model.Tensor<T>("bias", _shift.Values, InputSize);
        return $"nn.LayerNorm({InputSize}, eps={PythonLiteral.Number(Epsilon)})";
    }

    // i runs over the features of sample j; element (i, j) of a (features, batch) array is at j·features + i.
    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        int features = InputSize, batch = input.ColumnCount;
        var (x, y) = (input.AsColumnMajorArray(), output.AsColumnMajorArray());
        _xHat = _normalised.For(batch).AsColumnMajorArray();
        _inverseDeviation = _deviations.For(batch).AsColumnMajorArray();
        var (gamma, beta) = (_scale.Values, _shift.Values);
        T n = T.CreateChecked(features);
        for (int j = 0; j < batch; j++)
        {
            var column = x.AsSpan(j * features, features);
            T mean = T.Zero, variance = T.Zero;
            foreach (T value in column)
                mean += value;
            mean /= n;
            foreach (T value in column)
                variance += (value - mean) * (value - mean);
            _inverseDeviation[j] = T.One / T.Sqrt(variance / n + T.CreateChecked(Epsilon));
            for (int i = 0, k = j * features; i < features; i++, k++)
            {
                _xHat[k] = (x[k] - mean) * _inverseDeviation[j];
                y[k] = gamma[i] * _xHat[k] + beta[i];
            }
        }
    }

    // dβ += Σⱼ dy, dγ += Σⱼ dy·x̂; with g = γ·dy, dx = (n·g − Σᵢ g − x̂·Σᵢ g·x̂)/(n·σ) over the n features of a sample.
    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        int features = InputSize, batch = input.ColumnCount;
        var dy = outputGradient.AsColumnMajorArray();
        var (dGamma, dBeta, gamma) = (_scale.Gradients, _shift.Gradients, _scale.Values);
        for (int j = 0, k = 0; j < batch; j++)
        {
            for (int i = 0; i < features; i++, k++)
            {
                dBeta[i] += dy[k];
                dGamma[i] += dy[k] * _xHat[k];
            }
        }
        if (inputGradient is null)
            return;
        var dx = inputGradient.AsColumnMajorArray();
        T n = T.CreateChecked(features);
        for (int j = 0; j < batch; j++)
        {
            T sum = T.Zero, product = T.Zero;
            for (int i = 0, k = j * features; i < features; i++, k++)
            {
                sum += gamma[i] * dy[k];
                product += gamma[i] * dy[k] * _xHat[k];
            }
            for (int i = 0, k = j * features; i < features; i++, k++)
                dx[k] = _inverseDeviation[j] / n * (n * gamma[i] * dy[k] - sum - _xHat[k] * product);
        }
    }
}
