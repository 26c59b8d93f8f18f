using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Onnx;
using NeuralNet.PyTorch;

namespace NeuralNet.Layers;

/// <summary>
/// A layer, as PyTorch's nn.Module is one: its parameters (learned), its buffers (state that is not learned, such as
/// batchnorm's running mean), the layers it contains, a forward pass and the backward pass next to it. Activations
/// are matrices of shape (features, batch): one column per sample, so each sample is contiguous in MathNet's
/// column-major storage.
/// </summary>
/// <remarks>
/// A subclass writes its maths in <see cref="Forward(Matrix{T}, Matrix{T}, bool)"/> and
/// <see cref="Backward(Matrix{T}, Matrix{T}, Matrix{T})"/>; this base owns the rest of the contract:
/// <list type="bullet">
/// <item>the output and input-gradient buffers, one per batch size (an epoch's last batch is smaller, evaluation uses
/// another size), so a steady-state step allocates nothing; a returned matrix is the layer's own, valid until its
/// next call;</item>
/// <item>the input of the last forward, cached on purpose because most backward passes need x; a layer never
/// changes the matrices it is given, and expects its forward input to stay unchanged until the matching backward;</item>
/// <item>the shape checks, whose messages name the matrix;</item>
/// <item>the parameters, buffers and children the subclass declares in its constructor
/// (<see cref="AddParameter"/>, <see cref="AddBuffer"/>, <see cref="AddChild"/>), listed with a child's own first
/// in the order declared and named as the model file saves them ("weight", "0.running_mean").</item>
/// </list>
/// Gradients accumulate (+=) in backward and are zeroed explicitly by the caller (<see cref="ZeroGradients"/>).
/// The mode (training or evaluation) is an argument of every forward rather than a flag to remember to reset: a
/// dropout mask or batchnorm's batch statistics apply only when <c>training</c> is true.
/// </remarks>
public abstract class Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly List<(string Name, Parameter<T> Parameter)> _ownParameters = [];
    private readonly List<(string Name, Buffer<T> Buffer)> _ownBuffers = [];
    private readonly List<(string Prefix, Layer<T> Layer)> _children = [];
    private readonly List<Layer<T>> _childLayers = [];
    private readonly BatchBuffers<T> _outputs;        // (out, batch)
    private readonly BatchBuffers<T> _inputGradients; // (in, batch)
    private Parameter<T>[]? _parameters; // every parameter of the layer and its children, listed at first use
    private Buffer<T>[]? _buffers;
    private Matrix<T>? _input; // (in, batch), cached by Forward for Backward

    protected Layer(int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        InputSize = inputs;
        OutputSize = outputs;
        _outputs = new BatchBuffers<T>(outputs);
        _inputGradients = new BatchBuffers<T>(inputs);
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    /// <summary>The spec that rebuilds this layer given its input size, such as <c>dense:128</c>,
    /// <c>leaky_relu:0.01</c> or <c>residual(dense:32,relu)</c> (see <see cref="LayerRegistry"/>). With the
    /// parameters and buffers it is the layer's whole saved state.</summary>
    public abstract string Spec { get; }

    /// <summary>The layer in messages, with its sizes: "dense 4→64", "relu 64". By default the spec and both sizes.</summary>
    public virtual string Description => $"{Spec} {InputSize}→{OutputSize}";

    /// <summary>The layer in the model line "4 → dense 64 → relu → dense 3": its spec unless the layer says otherwise.</summary>
    public virtual string Summary => Spec;

    /// <summary>Learnable values with their gradients, the children's included: what the optimizer steps.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters ??= [.. NamedParameters.Select(p => p.Parameter)];

    /// <summary>State that is not learned (running statistics), the children's included: saved and hashed with the
    /// parameters, never touched by the optimizer or weight decay.</summary>
    public IReadOnlyList<Buffer<T>> Buffers => _buffers ??= [.. NamedBuffers.Select(b => b.Buffer)];

    /// <summary>The layers this one contains, in order (a residual block's body, an ensemble's members).</summary>
    public IReadOnlyList<Layer<T>> Children => _childLayers;

    /// <summary>Each parameter with its name in this layer: its own ("weight"), then each child's prefixed ("0.weight").</summary>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters =>
        _ownParameters.Concat(_children.SelectMany(child => child.Layer.NamedParameters.Select(p => (child.Prefix + p.Name, p.Parameter))));

    /// <summary>Each buffer with its name in this layer, as <see cref="NamedParameters"/>.</summary>
    public IEnumerable<(string Name, Buffer<T> Buffer)> NamedBuffers =>
        _ownBuffers.Concat(_children.SelectMany(child => child.Layer.NamedBuffers.Select(b => (child.Prefix + b.Name, b.Buffer))));

    /// <summary>input (InputSize, batch) → output (OutputSize, batch), the layer's own buffer.</summary>
    /// <param name="training">The mode: true while training (dropout drops, batchnorm uses and records the batch's
    /// statistics), false when evaluating or predicting.</param>
    public Matrix<T> Forward(Matrix<T> input, bool training)
    {
        LayerChecks.Rows(input, InputSize, "input");
        _input = input;
        var output = _outputs.For(input.ColumnCount);
        Forward(input, output, training);
        return output;
    }

    /// <summary>outputGradient (OutputSize, batch) → inputGradient (InputSize, batch) for the last forward, adding
    /// (+=) into the parameters' gradients; null when <paramref name="inputGradientNeeded"/> is false (the first
    /// layer, whose input is data).</summary>
    public Matrix<T>? Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true)
    {
        var input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        LayerChecks.Shape(outputGradient, OutputSize, input.ColumnCount, "output gradient");
        var inputGradient = inputGradientNeeded ? _inputGradients.For(input.ColumnCount) : null;
        Backward(input, outputGradient, inputGradient);
        return inputGradient;
    }

    /// <summary>Adds the layer at inference to <paramref name="graph"/>, or returns null when it has no ONNX form (it
    /// still trains, saves and predicts; export refuses the model in one line naming it).</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="input">The name of the layer's input value, (batch, InputSize) row-major: ONNX puts the batch
    /// first, where the trainer's matrices are (InputSize, batch).</param>
    /// <param name="prefix">A stem unique to this layer for naming its constants, such as "layer3".</param>
    /// <returns>The name of the output value, (batch, OutputSize).</returns>
    public virtual string? ToOnnx(OnnxGraph graph, string input, string prefix) => null;

    /// <summary>The layer's PyTorch module as a Python expression, such as <c>nn.Linear(4, 64)</c>, its parameters and
    /// buffers recorded in <paramref name="model"/> under the names the module gives them, which are the layer's
    /// (<see cref="NamedParameters"/>, <see cref="NamedBuffers"/>), so the exported state dict loads; or null when it has no
    /// PyTorch form (export refuses the model in one line naming it). The module takes (batch, InputSize) and gives
    /// (batch, OutputSize), PyTorch putting the batch first, and computes what the layer computes in training as well
    /// as at inference (dropout is nn.Dropout), so that PyTorch can go on training the model.</summary>
    public virtual string? ToTorch(TorchModel model) => null;

    /// <summary>Restarts the random streams a layer draws from in its forward pass (dropout's mask) from
    /// <paramref name="seeds"/>, so a caller can make forward passes draw the same numbers (the gradient check) or
    /// follow a run's seed (a resumed model). A layer that draws overrides it; the base passes it to the children.</summary>
    public virtual void Reseed(Random seeds)
    {
        foreach (var child in _childLayers)
            child.Reseed(seeds);
    }

    public void ZeroGradients()
    {
        var parameters = Parameters; // indexed: a foreach over the interface would allocate its enumerator on every step
        for (int i = 0; i < parameters.Count; i++)
            parameters[i].ZeroGradient();
    }

    /// <summary>y = f(x): x is (InputSize, batch), y the layer's own (OutputSize, batch) buffer to fill; cache here
    /// anything beyond x that the backward needs.</summary>
    protected abstract void Forward(Matrix<T> x, Matrix<T> y, bool training);

    /// <summary>For the x of the last forward and dy (OutputSize, batch): add (+=) each parameter's gradient, and
    /// write dx (InputSize, batch) unless it is null (the input gradient is not needed).</summary>
    protected abstract void Backward(Matrix<T> x, Matrix<T> dy, Matrix<T>? dx);

    /// <summary>Declares a learnable value, named as the model file saves it. Read it through the parameter on every
    /// call (<see cref="Parameter{T}.Values"/>), never keep its array: a replica's parameter is pointed at another
    /// network's values after it is built.</summary>
    protected Parameter<T> AddParameter(string name, Matrix<T> value)
    {
        var parameter = new Parameter<T>(name, value);
        _ownParameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Declares state that is not learned, named as the model file saves it.</summary>
    protected Buffer<T> AddBuffer(string name, Matrix<T> value)
    {
        var buffer = new Buffer<T>(name, value);
        _ownBuffers.Add((name, buffer));
        return buffer;
    }

    /// <summary>Declares a contained layer; its parameters and buffers become this layer's, named with
    /// <paramref name="prefix"/> ("0." gives "0.weight").</summary>
    protected TLayer AddChild<TLayer>(string prefix, TLayer child) where TLayer : Layer<T>
    {
        _children.Add((prefix, child));
        _childLayers.Add(child);
        return child;
    }
}
