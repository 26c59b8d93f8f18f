using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Onnx;

namespace NeuralNet.Layers;

/// <summary>
/// K networks of the same shape fed the same input; the output is the mean of theirs: a deep ensemble held as one
/// layer, so that one model file, predict and the ONNX export carry all of its members. The members are trained
/// apart (each on its own rows, see NeuralNet.Training's ensemble training) and only put together here.
/// </summary>
public sealed class Ensemble<T> : ILayer<T>, IOnnxLayer where T : struct, IFloatingPointIeee754<T>
{
    private readonly Sequential<T>[] _members;
    private readonly BatchBuffers<T> _outputs;        // (out, batch): the mean of the members' outputs
    private readonly BatchBuffers<T> _inputGradients; // (in, batch): the sum of the members' input gradients

    public Ensemble(IReadOnlyList<Sequential<T>> members)
    {
        if (members.Count < 2)
            throw new ArgumentException("an ensemble needs at least two members", nameof(members));
        _members = [.. members];
        if (_members.Any(m => m.InputSize != _members[0].InputSize || m.OutputSize != _members[0].OutputSize || m.Spec != _members[0].Spec))
            throw new ArgumentException("the members of an ensemble must have the same layers", nameof(members));
        Parameters = [.. _members.SelectMany((member, m) => member.Layers.SelectMany((layer, i) =>
            layer.Parameters.Select(p => p.Renamed($"member{m}.layer{i}.{p.Name}"))))];
        _outputs = new BatchBuffers<T>(OutputSize);
        _inputGradients = new BatchBuffers<T>(InputSize);
    }

    public IReadOnlyList<Sequential<T>> Members => _members;

    public int InputSize => _members[0].InputSize;

    public int OutputSize => _members[0].OutputSize;

    public string Spec => $"ensemble:{_members.Length}({_members[0].Spec})";

    public string Summary => $"ensemble of {_members.Length} × ({string.Join(" → ", _members[0].Layers.Select(l => l.Summary))})";

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    // Each member's layers in turn from the same input, then Sum and a multiplication by 1/K, as Forward computes it.
    public string ToOnnx(OnnxGraph graph, string input, string prefix)
    {
        var outputs = _members.Select((member, m) => member.Layers.Select((layer, i) => (layer, i)).Aggregate(input, (x, step) => step.layer is IOnnxLayer onnx
            ? onnx.ToOnnx(graph, x, $"{prefix}.member{m}.layer{step.i}")
            : throw new InputException($"{Spec}: member layer {step.i} ({step.layer.Spec}) has no ONNX export"))).ToArray();
        return graph.Node("Mul", [graph.Node("Sum", outputs), graph.Constant($"{prefix}.share", [1f / _members.Length], 1)]);
    }

    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        var output = _outputs.For(input.ColumnCount); // (out, batch)
        var sum = output.AsColumnMajorArray();
        Array.Clear(sum, 0, output.RowCount * output.ColumnCount);
        foreach (var member in _members)
        {
            var own = member.Forward(input, training).AsColumnMajorArray();
            for (int i = 0; i < output.RowCount * output.ColumnCount; i++)
                sum[i] += own[i];
        }
        T share = T.One / T.CreateChecked(_members.Length);
        for (int i = 0; i < output.RowCount * output.ColumnCount; i++)
            sum[i] *= share;
        return output;
    }

    /// <summary>Each member gets the output gradient divided by K (the mean's derivative); the input gradient is the
    /// sum of the members' own.</summary>
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true)
    {
        var share = outputGradient * (T.One / T.CreateChecked(_members.Length));
        Matrix<T>? inputGradient = inputGradientNeeded ? _inputGradients.For(outputGradient.ColumnCount) : null;
        inputGradient?.Clear();
        foreach (var member in _members)
        {
            var own = member.Backward(share, inputGradientNeeded);
            if (inputGradient is not null)
                inputGradient.Add(own!, inputGradient);
        }
        return inputGradient;
    }
}
