namespace NeuralNet.PyTorch;

/// <summary>
/// A network being written for PyTorch as an <c>nn.Sequential</c>: each layer adds its module (a Python expression
/// such as <c>nn.Linear(4, 64)</c>), its learned values under the names PyTorch gives them in the state dict
/// (<c>"0.weight"</c>: the module's index, then the parameter's name), and any class its expression needs that torch
/// lacks (defined once in the generated file). The layers write into it through NeuralNet.Layers.ITorchLayer.
/// </summary>
public sealed class TorchSequential
{
    private readonly List<string> _modules = [];
    private readonly List<NamedTensor> _tensors = [];
    private readonly Dictionary<string, string> _classes = new(StringComparer.Ordinal);

    /// <summary>The modules' Python expressions, in order.</summary>
    public IReadOnlyList<string> Modules => _modules;

    /// <summary>The state dict: every parameter of every module, in module order.</summary>
    public IReadOnlyList<NamedTensor> Tensors => _tensors;

    /// <summary>The Python source of each class the modules use, by class name, in the order first defined.</summary>
    public IEnumerable<string> Classes => _classes.Values;

    /// <summary>Appends <paramref name="module"/> (a Python expression) and returns its index in the sequence.</summary>
    public int Add(string module)
    {
        _modules.Add(module);
        return _modules.Count - 1;
    }

    /// <summary>The values of parameter <paramref name="name"/> of module <paramref name="index"/>, row-major, of
    /// <paramref name="shape"/> as the module declares it (nn.Linear's weight is (out, in)).</summary>
    public void Parameter<T>(int index, string name, ReadOnlySpan<T> values, params int[] shape) where T : struct, IFloatingPointIeee754<T>
    {
        var floats = new float[values.Length];
        for (int i = 0; i < floats.Length; i++)
            floats[i] = float.CreateChecked(values[i]);
        _tensors.Add(new NamedTensor($"{index}.{name}", shape, floats));
    }

    /// <summary>Defines the Python class <paramref name="name"/> (its whole source, starting "class name(nn.Module):")
    /// unless it is already defined; two layers of one kind share it.</summary>
    public void Define(string name, string source)
    {
        if (_classes.TryGetValue(name, out string? defined) && defined != source)
            throw new InvalidOperationException($"two different Python classes are named '{name}'");
        _classes[name] = source;
    }
}
