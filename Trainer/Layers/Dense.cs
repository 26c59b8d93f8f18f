using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>Fully connected layer: y = W·x + b for every sample (column) of the batch.</summary>
[Layer(LayerRegistry.OutputLayer, Usage = "dense:N — fully connected, N outputs; a bare 'dense' at the end is the output layer, sized from the data", Example = "dense:3")]
public sealed class Dense<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _weight; // (out, in)
    private readonly Parameter<T> _bias;   // (out, 1)
    private readonly IGemm<T> _gemm;
    private readonly Dictionary<int, T[]> _ones = [];  // (batch): sums the columns of dZ into db with one product

    /// <summary>Creates the layer with He initialisation: W ~ N(0, 2/in), b = 0.</summary>
    public Dense(int inputs, int outputs, LayerContext<T> context)
        : this(HeNormal(outputs, inputs, context.Random), Matrix<T>.Build.Dense(outputs, 1), context.Gemm)
    {
    }

    /// <summary>Creates <c>dense:N</c> with He initialisation.</summary>
    public Dense(LayerSpec spec, int inputs, LayerContext<T> context)
        : this(inputs, OutputsOf(spec), context)
    {
    }

    /// <summary>Creates the layer from given weights (out, in) and bias (out, 1), which it takes over.</summary>
    public Dense(Matrix<T> weight, Matrix<T> bias, IGemm<T> gemm)
        : base(weight.ColumnCount, weight.RowCount)
    {
        _gemm = gemm;
        if (bias.RowCount != weight.RowCount || bias.ColumnCount != 1)
            throw new ArgumentException($"bias must be ({weight.RowCount}, 1), not ({bias.RowCount}, {bias.ColumnCount})", nameof(bias));
        _weight = AddParameter("weight", weight);
        _bias = AddParameter("bias", bias);
    }

    public override string Spec => LayerSpec.Format(LayerRegistry.OutputLayer, OutputSize);

    public override string Description => $"dense {InputSize}→{OutputSize}";

    public override string Summary => $"dense {OutputSize}";

    public Matrix<T> Weight => _weight.Value;

    public Matrix<T> Bias => _bias.Value;

    // ONNX's Gemm with transB computes input (batch, in) · Wᵀ + b, the same y = W·x + b per sample.
    public override string ToOnnx(OnnxGraph graph, string input, string prefix) => graph.Node("Gemm", [input,
        graph.Constant($"{prefix}.weight", OnnxGraph.Floats<T>(Weight.ToRowMajorArray()), OutputSize, InputSize),
        graph.Constant($"{prefix}.bias", OnnxGraph.Floats<T>(Bias.AsColumnMajorArray()), OutputSize)], ("transB", 1));

    // nn.Linear computes input (batch, in) · Wᵀ + b with its weight (out, in): the trainer's weight as it is, row by row.
    public override string ToTorch(TorchModel model)
    {
        model.Tensor<T>("weight", Weight.ToRowMajorArray(), OutputSize, InputSize);
        model.Tensor<T>("bias", _bias.Values, OutputSize);
        return $"nn.Linear({InputSize}, {OutputSize})";
    }

    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        int batch = input.ColumnCount;
        // Broadcast b into every column of Z (out, batch), then Z += W·X in one product (beta = 1): no separate bias pass.
        var z = output.AsColumnMajorArray();
        var b = _bias.Values;
        for (int j = 0; j < batch; j++)
            b.CopyTo(z, j * OutputSize);
        _gemm.Multiply(Transpose.DontTranspose, Transpose.DontTranspose, T.One,
            _weight.Values, OutputSize, InputSize, input.AsColumnMajorArray(), InputSize, batch, T.One, z);
    }

    // dW = dZ·Xᵀ needs the input X (in, batch), which the base caches for every layer.
    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        int batch = input.ColumnCount;
        var dz = outputGradient.AsColumnMajorArray(); // (out, batch)

        // dW += dZ·Xᵀ  and  db += dZ·1: accumulate with beta = 1, as the contract asks.
        _gemm.Multiply(Transpose.DontTranspose, Transpose.Transpose, T.One,
            dz, OutputSize, batch, input.AsColumnMajorArray(), InputSize, batch, T.One, _weight.Gradients);
        _gemm.Multiply(Transpose.DontTranspose, Transpose.DontTranspose, T.One,
            dz, OutputSize, batch, Ones(batch), batch, 1, T.One, _bias.Gradients);

        if (inputGradient is not null) // (in, batch)
        {
            _gemm.Multiply(Transpose.Transpose, Transpose.DontTranspose, T.One,
                _weight.Values, OutputSize, InputSize, dz, OutputSize, batch, T.Zero, inputGradient.AsColumnMajorArray());
        }
    }

    private static int OutputsOf(LayerSpec spec)
    {
        spec.AtMost(1, "dense:N");
        return spec.Count(0, "the number of outputs")
            ?? throw new InputException($"'dense' needs its size, such as dense:128; only the last layer may be a bare 'dense' (the output layer, sized from the data)");
    }

    private T[] Ones(int batch)
    {
        if (!_ones.TryGetValue(batch, out var ones))
        {
            ones = new T[batch];
            Array.Fill(ones, T.One);
            _ones.Add(batch, ones);
        }
        return ones;
    }

    private static Matrix<T> HeNormal(int outputs, int inputs, Random random)
    {
        var samples = new double[outputs * inputs];
        Normal.Samples(random, samples, 0, Math.Sqrt(2.0 / inputs));
        return Matrix<T>.Build.Dense(outputs, inputs, Array.ConvertAll(samples, T.CreateChecked));
    }
}
