using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// Batch normalisation (Ioffe and Szegedy, 2015), as PyTorch's BatchNorm1d: each feature is normalised by the batch's
/// mean μ and (biased) variance σ² while training, x̂ = (x − μ)/√(σ² + ε), then scaled and shifted, y = γ·x̂ + β. The
/// running averages of μ and of the unbiased variance are buffers, updated by each training forward with the
/// momentum m, r ← (1 − m)·r + m·s, and used in place of the batch's when evaluating, so a prediction does not
/// depend on the other rows it is scored with.
/// </summary>
[Layer("batchnorm", Usage = "batchnorm[:m] — normalise each feature by the batch's mean and variance while training, by their running averages (momentum m, default 0.1) when predicting; then a learnable scale and shift", Example = "batchnorm:0.2")]
public sealed class BatchNorm<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private const double Epsilon = 1e-5; // PyTorch's default

    private readonly double _momentum;
    private readonly Parameter<T> _scale;        // γ (features, 1), starts at 1
    private readonly Parameter<T> _shift;        // β (features, 1), starts at 0
    private readonly Buffer<T> _runningMean;     // (features, 1), starts at 0
    private readonly Buffer<T> _runningVariance; // (features, 1), starts at 1
    private readonly BatchBuffers<T> _normalised; // x̂ (features, batch), per batch size
    private readonly T[] _centre, _variance;     // (features): the μ and σ² the last forward used
    private readonly T[] _inverseDeviation;      // 1/√(σ² + ε) (features), cached by Forward for backward
    private readonly T[] _sum, _product;         // (features): Σ dy and Σ dy·x̂ over the batch, in backward
    private T[] _xHat = [];                      // x̂ (features, batch), cached by Forward: backward is written in x̂
    private bool _trainingForward;               // whether the last forward used the batch's statistics

    public BatchNorm(LayerSpec spec, int inputs)
        : base(inputs, inputs)
    {
        spec.AtMost(1, "batchnorm[:m]");
        _momentum = spec.Number(0, 0.1, "the momentum m");
        if (_momentum is <= 0 or > 1)
            throw spec.Error("the momentum m must be in (0, 1]");
        _scale = AddParameter("weight", Matrix<T>.Build.Dense(inputs, 1, T.One));
        _shift = AddParameter("bias", Matrix<T>.Build.Dense(inputs, 1));
        _runningMean = AddBuffer("running_mean", Matrix<T>.Build.Dense(inputs, 1));
        _runningVariance = AddBuffer("running_var", Matrix<T>.Build.Dense(inputs, 1, T.One));
        _normalised = new BatchBuffers<T>(inputs);
        _centre = new T[inputs];
        _variance = new T[inputs];
        _inverseDeviation = new T[inputs];
        _sum = new T[inputs];
        _product = new T[inputs];
    }

    public override string Spec => LayerSpec.Format("batchnorm", _momentum);

    // At inference: BatchNormalization with the running statistics, on (batch, features).
    public override string ToOnnx(OnnxGraph graph, string input, string prefix) => graph.Node("BatchNormalization", [input,
        graph.Constant($"{prefix}.weight", OnnxGraph.Floats<T>(_scale.Values), InputSize),
        graph.Constant($"{prefix}.bias", OnnxGraph.Floats<T>(_shift.Values), InputSize),
        graph.Constant($"{prefix}.running_mean", OnnxGraph.Floats<T>(_runningMean.Values), InputSize),
        graph.Constant($"{prefix}.running_var", OnnxGraph.Floats<T>(_runningVariance.Values), InputSize)], ("epsilon", (float)Epsilon));

    // nn.BatchNorm1d normalises each feature over dimension 0 of its (batch, features) input: over the batch, as here
    // over the columns of (features, batch). Its momentum is ours (r ← (1 − m)·r + m·s, the unbiased variance
    // recorded), and eval mode uses the running statistics, exported as its buffers; load_state_dict fills in the
    // num_batches_tracked it also keeps (0), which only a momentum of None would read.
    public override string ToTorch(TorchModel model)
    {
        model.Tensor<T>("weight", _scale.Values, InputSize);
        model.Tensor<T>("bias", _shift.Values, InputSize);
        model.Tensor<T>("running_mean", _runningMean.Values, InputSize);
        model.Tensor<T>("running_var", _runningVariance.Values, InputSize);
        return $"nn.BatchNorm1d({InputSize}, eps={PythonLiteral.Number(Epsilon)}, momentum={PythonLiteral.Number(_momentum)})";
    }

    // i runs over the features, j over the samples: element (i, j) of a (features, batch) array is at j·features + i.
    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        int features = InputSize, batch = input.ColumnCount;
        var (x, y) = (input.AsColumnMajorArray(), output.AsColumnMajorArray());
        _xHat = _normalised.For(batch).AsColumnMajorArray();
        _trainingForward = training;
        var (mean, variance) = (_runningMean.Values, _runningVariance.Values);
        var centre = _centre;
        if (training)
        {
            T n = T.CreateChecked(batch), m = T.CreateChecked(_momentum);
            BatchStatistics(x, batch, centre, _variance);
            for (int i = 0; i < features; i++)
            {
                _inverseDeviation[i] = T.One / T.Sqrt(_variance[i] + T.CreateChecked(Epsilon));
                // PyTorch records the unbiased variance; one sample has none, and the running value is kept.
                T unbiased = batch > 1 ? _variance[i] * n / (n - T.One) : variance[i];
                mean[i] = (T.One - m) * mean[i] + m * centre[i];
                variance[i] = (T.One - m) * variance[i] + m * unbiased;
            }
        }
        else
        {
            for (int i = 0; i < features; i++)
            {
                centre[i] = mean[i];
                _inverseDeviation[i] = T.One / T.Sqrt(variance[i] + T.CreateChecked(Epsilon));
            }
        }
        var (gamma, beta) = (_scale.Values, _shift.Values);
        for (int j = 0, k = 0; j < batch; j++)
        {
            for (int i = 0; i < features; i++, k++)
            {
                _xHat[k] = (x[k] - centre[i]) * _inverseDeviation[i];
                y[k] = gamma[i] * _xHat[k] + beta[i];
            }
        }
    }

    // dβ += Σⱼ dy, dγ += Σⱼ dy·x̂. Training: dx = γ/(n·σ)·(n·dy − Σⱼ dy − x̂·Σⱼ dy·x̂), since μ and σ depend on every
    // sample; evaluation: the statistics are constants and dx = γ·dy/σ.
    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        int features = InputSize, batch = input.ColumnCount;
        var dy = outputGradient.AsColumnMajorArray();
        Array.Clear(_sum);
        Array.Clear(_product);
        for (int j = 0, k = 0; j < batch; j++)
        {
            for (int i = 0; i < features; i++, k++)
            {
                _sum[i] += dy[k];
                _product[i] += dy[k] * _xHat[k];
            }
        }
        var (dGamma, dBeta, gamma) = (_scale.Gradients, _shift.Gradients, _scale.Values);
        for (int i = 0; i < features; i++)
        {
            dBeta[i] += _sum[i];
            dGamma[i] += _product[i];
        }
        if (inputGradient is null)
            return;
        var dx = inputGradient.AsColumnMajorArray();
        T n = T.CreateChecked(batch);
        for (int j = 0, k = 0; j < batch; j++)
        {
            for (int i = 0; i < features; i++, k++)
            {
                dx[k] = _trainingForward
                    ? gamma[i] * _inverseDeviation[i] / n * (n * dy[k] - _sum[i] - _xHat[k] * _product[i])
                    : gamma[i] * _inverseDeviation[i] * dy[k];
            }
        }
    }

    // The batch's mean and biased variance of each feature, (features) each, in two passes for accuracy.
    private void BatchStatistics(T[] x, int batch, T[] mean, T[] variance)
    {
        int features = InputSize;
        Array.Clear(mean);
        Array.Clear(variance);
        for (int j = 0, k = 0; j < batch; j++)
        {
            for (int i = 0; i < features; i++, k++)
                mean[i] += x[k];
        }
        T n = T.CreateChecked(batch);
        for (int i = 0; i < features; i++)
            mean[i] /= n;
        for (int j = 0, k = 0; j < batch; j++)
        {
            for (int i = 0; i < features; i++, k++)
            {
                T d = x[k] - mean[i];
                variance[i] += d * d;
            }
        }
        for (int i = 0; i < features; i++)
            variance[i] /= n;
    }
}
