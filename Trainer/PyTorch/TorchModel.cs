namespace NeuralNet.PyTorch;

/// <summary>
/// A network being written for PyTorch. Each layer gives its module as a Python expression (<c>nn.Linear(4, 64)</c>)
/// and records here its tensors under the names the module gives them in the state dict, and any class its
/// expression needs that torch lacks (defined once in the generated file). A module inside another is written as a
/// child (<see cref="Child"/>), so its tensors take the child's prefix: "0.weight" at the top, "2.1.0.weight" in a
/// nested one, the names the layers give their parameters and buffers. The layers write into it through
/// NeuralNet.Layers.Layer&lt;T&gt;.ToTorch.
/// </summary>
public sealed class TorchModel
{
    private readonly List<NamedTensor> _tensors = [];
    private readonly Dictionary<string, string> _classes = new(StringComparer.Ordinal);
    private string _prefix = ""; // the state-dict prefix of the module being written: "" at the top, "2.1." inside

    /// <summary>The state dict: every parameter and buffer of every module, in the order written.</summary>
    public IReadOnlyList<NamedTensor> Tensors => _tensors;

    /// <summary>The Python source of each class the modules use, by class name, in the order first defined.</summary>
    public IEnumerable<string> Classes => _classes.Values;

    /// <summary>Writes a module held by the one being written, as <paramref name="write"/> gives it, its tensors named
    /// under <paramref name="prefix"/> ("0." for the first module of an nn.Sequential); returns its expression, or
    /// null when it has no PyTorch form.</summary>
    public string? Child(string prefix, Func<TorchModel, string?> write)
    {
        string parent = _prefix;
        _prefix = parent + prefix;
        try
        {
            return write(this);
        }
        finally
        {
            _prefix = parent;
        }
    }

    /// <summary>The modules <paramref name="writers"/> give, each written as the child named by its index ("0.",
    /// "1.", as in an nn.Sequential or an nn.ModuleList), or null when one has no PyTorch form.</summary>
    public string[]? Children(IEnumerable<Func<TorchModel, string?>> writers)
    {
        var modules = new List<string>();
        foreach (var write in writers)
        {
            if (Child($"{modules.Count}.", write) is not { } module)
                return null;
            modules.Add(module);
        }
        return [.. modules];
    }

    /// <summary>The values of the module's parameter or buffer <paramref name="name"/>, row-major, of
    /// <paramref name="shape"/> as the module declares it (nn.Linear's weight is (out, in)).</summary>
    public void Tensor<T>(string name, ReadOnlySpan<T> values, params int[] shape) where T : struct, IFloatingPointIeee754<T>
    {
        var floats = new float[values.Length];
        for (int i = 0; i < floats.Length; i++)
            floats[i] = float.CreateChecked(values[i]);
        _tensors.Add(new NamedTensor(_prefix + name, shape, floats));
    }

    /// <summary>Defines the Python class <paramref name="name"/> (its whole source, starting "class name(...):")
    /// unless it is already defined; two layers of one kind share it.</summary>
    public void Define(string name, string source)
    {
        if (_classes.TryGetValue(name, out string? defined) && defined != source)
            throw new InvalidOperationException($"two different Python classes are named '{name}'");
        _classes[name] = source;
    }
}
