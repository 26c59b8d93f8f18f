using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// K independently initialised copies (members) of its inner layers, fed the same input; the output is the mean of
/// the members' outputs, y = (1/K)·Σₖ fₖ(x), so backward gives each member dy/K and sums their input gradients. It
/// holds a TabM-like ensemble (Gorishniy et al., 2025) in one network and one model file: written last with a bare
/// dense at its end, <c>ensemble:8(dense:256,relu,dense)</c>, each member ends in its own output layer. Member k's
/// parameters are named "k.0.weight"….
/// </summary>
/// <remarks>The loss sees the mean of the members' outputs (logits), so training fits the average, as one wide
/// network would. TabM instead scores each member's prediction with its own loss and averages the losses, which
/// keeps the members diverse, and averages probabilities at inference; that needs a loss over the K outputs, not a
/// layer.</remarks>
[Layer("ensemble", Usage = "ensemble:K(layers) — K independently initialised copies of the inner layers, fed the same input; the output is their mean (written last, ensemble:K(...,dense) gives each copy its own output layer)", Example = "ensemble:3(dense:4,swish,dense:2)")]
public sealed class Ensemble<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Sequential<T>[] _members;
    private readonly BatchBuffers<T> _memberGradients; // dy/K (out, batch), per batch size

    public Ensemble(LayerSpec spec, int inputs, LayerContext<T> context)
        : this(inputs, Members(spec, inputs, context))
    {
    }

    /// <summary>The ensemble of networks trained apart (NeuralNet.Training's ensemble training: each member on its own
    /// rows), which it now holds and averages; they must have the same layers.</summary>
    public static Ensemble<T> Of(IReadOnlyList<Sequential<T>> members)
    {
        if (members.Count < 2 || members.Any(m => m.Spec != members[0].Spec || m.InputSize != members[0].InputSize))
            throw new ArgumentException("an ensemble holds two or more networks of the same layers", nameof(members));
        return new Ensemble<T>(members[0].InputSize, [.. members]);
    }

    private Ensemble(int inputs, Sequential<T>[] members)
        : base(inputs, members[0].OutputSize)
    {
        _members = members;
        for (int k = 0; k < members.Length; k++)
            AddChild($"{k}.", members[k]);
        _memberGradients = new BatchBuffers<T>(OutputSize);
    }

    public override string Spec => $"ensemble:{_members.Length}({_members[0].Spec})";

    public override string Summary => $"ensemble:{_members.Length}({_members[0].Summary})";

    // The members' graphs side by side, averaged by ONNX's Mean.
    public override string? ToOnnx(OnnxGraph graph, string input, string prefix)
    {
        var outputs = new string[_members.Length];
        for (int k = 0; k < outputs.Length; k++)
        {
            if (_members[k].ToOnnx(graph, input, $"{prefix}.{k}") is not { } output)
                return null;
            outputs[k] = output;
        }
        return graph.Node("Mean", outputs);
    }

    // An nn.ModuleList of the members, each an nn.Sequential named "k." as here, whose forward is their mean.
    public override string? ToTorch(TorchModel model)
    {
        model.Define("Ensemble", """"
            class Ensemble(nn.ModuleList):
                """NeuralNet's ensemble:K(layers): the mean of its K members' outputs, each fed the same input."""

                def forward(self, x):
                    return torch.stack([member(x) for member in self]).mean(dim=0)
            """");
        var members = model.Children(_members.Select(member => (Func<TorchModel, string?>)member.ToTorch));
        return members is null ? null : $"Ensemble([{string.Join(", ", members)}])";
    }

    protected override void Forward(Matrix<T> input, Matrix<T> output, bool training)
    {
        var y = output.AsColumnMajorArray();
        Array.Clear(y);
        foreach (var member in _members)
        {
            var f = member.Forward(input, training).AsColumnMajorArray();
            for (int k = 0; k < y.Length; k++)
                y[k] += f[k];
        }
        T count = T.CreateChecked(_members.Length);
        for (int k = 0; k < y.Length; k++)
            y[k] /= count;
    }

    protected override void Backward(Matrix<T> input, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        var dy = outputGradient.AsColumnMajorArray();
        var shared = _memberGradients.For(input.ColumnCount);
        var g = shared.AsColumnMajorArray();
        T count = T.CreateChecked(_members.Length);
        for (int k = 0; k < g.Length; k++)
            g[k] = dy[k] / count;
        var dx = inputGradient?.AsColumnMajorArray();
        if (dx is not null)
            Array.Clear(dx);
        foreach (var member in _members)
        {
            var memberGradient = member.Backward(shared, inputGradientNeeded: dx is not null);
            if (dx is null)
                continue;
            var d = memberGradient!.AsColumnMajorArray();
            for (int k = 0; k < dx.Length; k++)
                dx[k] += d[k];
        }
    }

    private static Sequential<T>[] Members(LayerSpec spec, int inputs, LayerContext<T> context)
    {
        spec.AtMost(1, "ensemble:K(layers)");
        int count = spec.Count(0, "the number of members K")
            ?? throw spec.Error("needs its number of members, such as ensemble:4(dense:64,relu,dense)");
        var inner = spec.Inner("ensemble:4(dense:64,relu,dense)");
        // Built one after another from the one random stream: each member draws its own initial values.
        return [.. Enumerable.Range(0, count).Select(_ => LayerRegistry.Sequence(inner, inputs, context))];
    }
}
