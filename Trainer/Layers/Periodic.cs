using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// A periodic embedding of each numeric feature, the PLR embedding of Gorishniy et al. ("On Embeddings for Numerical
/// Features in Tabular Deep Learning", 2022), which TabM uses in its lite form: feature i's value x becomes
/// vᵢₖ = 2π·cᵢₖ·x at K learned frequencies, p = [cos v, sin v] (2K values), then its own linear map and a ReLU,
/// eᵢ = ReLU(Wᵢ·p + bᵢ) (d values); the F features' embeddings are concatenated into F·d outputs, feature-major.
/// As in the authors' rtdl_num_embeddings: c ~ N(0, σ²) truncated at ±3σ, W and b uniform in ±1/√(2K), and a linear
/// map per feature (PLR; the lite form shares one across features).
/// </summary>
/// <remarks>The per-feature products are (d × 2K)·(2K) per sample, too small for a BLAS call each (and IGemm takes
/// whole arrays), so they are plain loops.</remarks>
[Layer("periodic", Usage = "periodic:K[,s,d] — each feature x becomes ReLU(W·[cos, sin](2π·c·x) + b): K learned frequencies c ~ N(0, s²) (s default 0.01), then d values (default 24) per feature", Example = "periodic:3,0.5,2")]
public sealed class Periodic<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly int _count;      // K frequencies
    private readonly int _width;      // d values per feature
    private readonly double _sigma;
    private readonly Parameter<T> _frequencies; // c (features, K)
    private readonly Parameter<T> _weight;      // W (features·2K, d): row i·2K + q is what p_q of feature i adds to each of the d values
    private readonly Parameter<T> _bias;        // b (features, d)
    private readonly BatchBuffers<T> _periodics; // p (features·2K, batch): [cos v, sin v] of each feature, per batch size
    private readonly T[] _dp;                    // (2K): dL/dp of one feature of one sample, in backward
    private T[] _p = [];                         // (features·2K, batch), cached by Forward: dW = g·pᵀ and dv need it
    private T[] _y = [];                         // (features·d, batch), the output, cached by Forward: y > 0 is ReLU's mask

    public Periodic(LayerSpec spec, int inputs, LayerContext<T> context)
        : this(spec, inputs, Sizes(spec), context)
    {
    }

    private Periodic(LayerSpec spec, int inputs, (int Count, double Sigma, int Width) sizes, LayerContext<T> context)
        : base(inputs, inputs * sizes.Width)
    {
        (_count, _sigma, _width) = sizes;
        if (_sigma <= 0)
            throw spec.Error("the frequencies' standard deviation s must be positive");
        double bound = 1 / Math.Sqrt(2 * _count);
        _frequencies = AddParameter("frequencies", Matrix<T>.Build.Dense(inputs, _count, (_, _) => TruncatedNormal(context.Random, _sigma)));
        _weight = AddParameter("weight", Matrix<T>.Build.Dense(inputs * 2 * _count, _width, (_, _) => Uniform(context.Random, bound)));
        _bias = AddParameter("bias", Matrix<T>.Build.Dense(inputs, _width, (_, _) => Uniform(context.Random, bound)));
        _periodics = new BatchBuffers<T>(inputs * 2 * _count);
        _dp = new T[2 * _count];
    }

    public override string Spec => LayerSpec.Format("periodic", _count, _sigma, _width);

    // v = Einsum(x (batch, F), 2π·c (F, K)) → (batch, F, K); [cos v, sin v] → (batch, F, 2K); Einsum with W as
    // (F, 2K, d), which is the weight's row-major order; + b (F, d); ReLU; flattened to (batch, F·d), feature-major.
    public override string ToOnnx(OnnxGraph graph, string input, string prefix)
    {
        var twoPiC = OnnxGraph.Floats<T>(_frequencies.Value.ToRowMajorArray());
        for (int i = 0; i < twoPiC.Length; i++)
            twoPiC[i] *= 2 * MathF.PI;
        string v = graph.Node("Einsum", [input, graph.Constant($"{prefix}.frequencies", twoPiC, InputSize, _count)], ("equation", "bf,fk->bfk"));
        string p = graph.Node("Concat", [graph.Node("Cos", [v]), graph.Node("Sin", [v])], ("axis", 2));
        string h = graph.Node("Einsum", [p, graph.Constant($"{prefix}.weight", OnnxGraph.Floats<T>(_weight.Value.ToRowMajorArray()), InputSize, 2 * _count, _width)],
            ("equation", "bfq,fqd->bfd"));
        h = graph.Node("Add", [h, graph.Constant($"{prefix}.bias", OnnxGraph.Floats<T>(_bias.Value.ToRowMajorArray()), InputSize, _width)]);
        return graph.Node("Flatten", [graph.Node("Relu", [h])], ("axis", 1));
    }

    // torch has no such module: the generated file defines one, initialised as here, with the weight as (F, 2K, d),
    // which is the trainer's (F·2K, d) in row-major order, and the bias as (F, d).
    public override string ToTorch(TorchModel model)
    {
        model.Define("Periodic", """"
            class Periodic(nn.Module):
                """NeuralNet's periodic:K,s,d (the PLR embedding): feature i's value x becomes
                ReLU(W_i [cos v, sin v] + b_i) with v = 2 pi c_i x at K frequencies c_i, d values per feature,
                the features' values concatenated feature-major: (batch, features) -> (batch, features * d)."""

                def __init__(self, features, count, sigma, width):
                    super().__init__()
                    self.sigma = sigma
                    self.frequencies = nn.Parameter(torch.empty(features, count))
                    self.weight = nn.Parameter(torch.empty(features, 2 * count, width))
                    self.bias = nn.Parameter(torch.empty(features, width))
                    self.reset_parameters()

                def reset_parameters(self):
                    nn.init.trunc_normal_(self.frequencies, 0.0, self.sigma, -3 * self.sigma, 3 * self.sigma)
                    bound = (2 * self.frequencies.shape[1]) ** -0.5
                    nn.init.uniform_(self.weight, -bound, bound)
                    nn.init.uniform_(self.bias, -bound, bound)

                def forward(self, x):
                    v = 2 * math.pi * self.frequencies * x[..., None]  # (batch, features, K)
                    p = torch.cat([torch.cos(v), torch.sin(v)], dim=-1)  # (batch, features, 2K)
                    h = torch.einsum("bfq,fqd->bfd", p, self.weight) + self.bias  # (batch, features, d)
                    return torch.relu(h).flatten(1)

                def extra_repr(self):
                    count, width = self.frequencies.shape[1], self.bias.shape[1]
                    return f"features={self.bias.shape[0]}, count={count}, sigma={self.sigma}, width={width}"
            """");
        model.Tensor<T>("frequencies", _frequencies.Value.ToRowMajorArray(), InputSize, _count);
        model.Tensor<T>("weight", _weight.Value.ToRowMajorArray(), InputSize, 2 * _count, _width);
        model.Tensor<T>("bias", _bias.Value.ToRowMajorArray(), InputSize, _width);
        return $"Periodic({InputSize}, {_count}, {PythonLiteral.Number(_sigma)}, {_width})";
    }

    // Element (r, c) of a column-major (rows, columns) matrix is at c·rows + r. j runs over the samples, i over the
    // features, k over the frequencies, q over p's 2K values, m over the d outputs of a feature.
    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        int features = InputSize, batch = input.ColumnCount, twoK = 2 * _count;
        var x = input.AsColumnMajorArray();
        _y = output.AsColumnMajorArray();
        _p = _periodics.For(batch).AsColumnMajorArray();
        var (c, w, b) = (_frequencies.Values, _weight.Values, _bias.Values);
        T twoPi = T.Pi + T.Pi;
        for (int j = 0; j < batch; j++)
        {
            for (int i = 0; i < features; i++)
            {
                T xi = x[j * features + i];
                var p = _p.AsSpan((j * features + i) * twoK, twoK);
                for (int k = 0; k < _count; k++)
                {
                    T v = twoPi * c[k * features + i] * xi;
                    p[k] = T.Cos(v);
                    p[_count + k] = T.Sin(v);
                }
                for (int m = 0; m < _width; m++)
                {
                    T h = b[m * features + i];
                    for (int q = 0; q < twoK; q++)
                        h += w[m * features * twoK + i * twoK + q] * p[q];
                    _y[j * OutputSize + i * _width + m] = T.Max(h, T.Zero);
                }
            }
        }
    }

    // With g = dy where y > 0 (ReLU): db += g, dW += g·pᵀ, dp = Wᵀ·g; then through p = [cos v, sin v],
    // dv = −sin v·dp_cos + cos v·dp_sin, and v = 2π·c·x gives dc += dv·2π·x and dx = Σₖ dv·2π·c.
    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        int features = InputSize, batch = input.ColumnCount, twoK = 2 * _count;
        var (x, dy, dx) = (input.AsColumnMajorArray(), outputGradient.AsColumnMajorArray(), inputGradient?.AsColumnMajorArray());
        var (c, w) = (_frequencies.Values, _weight.Values);
        var (dc, dw, db) = (_frequencies.Gradients, _weight.Gradients, _bias.Gradients);
        T twoPi = T.Pi + T.Pi;
        for (int j = 0; j < batch; j++)
        {
            for (int i = 0; i < features; i++)
            {
                var p = _p.AsSpan((j * features + i) * twoK, twoK);
                Array.Clear(_dp);
                for (int m = 0; m < _width; m++)
                {
                    int at = j * OutputSize + i * _width + m;
                    if (!(_y[at] > T.Zero))
                        continue;
                    T g = dy[at];
                    db[m * features + i] += g;
                    for (int q = 0; q < twoK; q++)
                    {
                        int wq = m * features * twoK + i * twoK + q;
                        dw[wq] += g * p[q];
                        _dp[q] += w[wq] * g;
                    }
                }
                T xi = x[j * features + i], dxi = T.Zero;
                for (int k = 0; k < _count; k++)
                {
                    T dv = p[k] * _dp[_count + k] - p[_count + k] * _dp[k];
                    dc[k * features + i] += dv * twoPi * xi;
                    dxi += dv * twoPi * c[k * features + i];
                }
                if (dx is not null)
                    dx[j * features + i] = dxi;
            }
        }
    }

    private static (int Count, double Sigma, int Width) Sizes(LayerSpec spec)
    {
        spec.AtMost(3, "periodic:K[,s,d]");
        int count = spec.Count(0, "the number of frequencies K") ?? throw spec.Error("needs its number of frequencies, such as periodic:16");
        return (count, spec.Number(1, 0.01, "the frequencies' standard deviation s"), spec.Count(2, "the width d") ?? 24);
    }

    private static T TruncatedNormal(Random random, double sigma)
    {
        double value;
        do
            value = Normal.Sample(random, 0, sigma);
        while (Math.Abs(value) > 3 * sigma);
        return T.CreateChecked(value);
    }

    private static T Uniform(Random random, double bound) => T.CreateChecked((random.NextDouble() * 2 - 1) * bound);
}
