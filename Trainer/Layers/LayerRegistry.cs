using System.Reflection;
using System.Runtime.ExceptionServices;
using NeuralNet.Data;

namespace NeuralNet.Layers;

/// <summary>
/// Every class marked <see cref="LayerAttribute"/> in this assembly, found once by reflection. It parses
/// <c>--layers</c> specs, builds layers for float or double, and lists them for <c>--help</c>: there is no switch
/// over layer types anywhere to extend.
/// </summary>
public static class LayerRegistry
{
    /// <summary>The layer a spec may leave bare at the end (<c>dense</c>): its size comes from the data.</summary>
    public const string OutputLayer = "dense";

    private static readonly Lazy<IReadOnlyDictionary<string, RegisteredLayer>> ByName = new(Scan);

    /// <summary>The registered layers, by name.</summary>
    public static IReadOnlyList<RegisteredLayer> All => [.. ByName.Value.Values.OrderBy(layer => layer.Name, StringComparer.Ordinal)];

    public static string Names => string.Join(", ", All.Select(layer => layer.Name));

    /// <summary>The registered layers that have an ONNX form (<see cref="IOnnxLayer"/>), for the export's refusal message.</summary>
    public static string OnnxNames => string.Join(", ", All.Where(layer => typeof(IOnnxLayer).IsAssignableFrom(layer.Definition)).Select(layer => layer.Name));

    /// <summary>The registered layers that have a PyTorch form (<see cref="ITorchLayer"/>), for the export's refusal message.</summary>
    public static string TorchNames => string.Join(", ", All.Where(layer => typeof(ITorchLayer).IsAssignableFrom(layer.Definition)).Select(layer => layer.Name));

    /// <summary>Parses <c>dense:256,relu,dense:128,leaky_relu:0.01,dense</c>. Commas separate both layers and the
    /// arguments of one layer: an item that starts with a letter begins a new layer, a number continues the last.</summary>
    public static IReadOnlyList<LayerSpec> Parse(string text)
    {
        var specs = new List<(string Name, List<string> Arguments)>();
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            if (item.Length > 0 && (char.IsLetter(item[0]) || item[0] == '_'))
            {
                int colon = item.IndexOf(':', StringComparison.Ordinal);
                string name = (colon < 0 ? item : item[..colon]).Trim().ToLowerInvariant();
                if (!ByName.Value.ContainsKey(name))
                    throw new InputException($"unknown layer '{name}' in '{text}'; the layers are {Names}");
                var arguments = new List<string>();
                if (colon >= 0)
                    arguments.Add(item[(colon + 1)..].Trim());
                specs.Add((name, arguments));
            }
            else if (specs.Count > 0 && specs[^1].Arguments.Count > 0 && item.Length > 0)
            {
                specs[^1].Arguments.Add(item);
            }
            else
            {
                throw new InputException($"'{item}' in '{text}' is not a layer; write layers as name[:arg,arg], such as dense:128,relu,dense");
            }
        }
        return [.. specs.Select(spec => new LayerSpec(spec.Name, spec.Arguments))];
    }

    /// <summary>Builds the layer <paramref name="spec"/> for element type T taking <paramref name="inputs"/> features.</summary>
    public static ILayer<T> Create<T>(LayerSpec spec, int inputs, LayerContext<T> context) where T : struct, IFloatingPointIeee754<T>
    {
        if (!ByName.Value.TryGetValue(spec.Name, out var layer))
            throw new InputException($"unknown layer '{spec.Name}'; the layers are {Names}");
        try
        {
            return (ILayer<T>)Activator.CreateInstance(layer.Definition.MakeGenericType(typeof(T)), spec, inputs, context)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>Builds a network from <paramref name="specs"/>. A bare <c>dense</c> at the end is the output layer,
    /// sized from the data; a spec that does not end in one gets one appended, since the loss needs
    /// <paramref name="outputs"/> values per sample. Every layer gets <paramref name="context"/>: one random stream
    /// drawn in layer order, and one matrix product.</summary>
    public static Sequential<T> Build<T>(IReadOnlyList<LayerSpec> specs, int inputs, int outputs, LayerContext<T> context)
        where T : struct, IFloatingPointIeee754<T>
    {
        var all = specs.ToList();
        if (all.Count > 0 && all[^1].Name == OutputLayer && all[^1].Arguments.Count == 0)
            all.RemoveAt(all.Count - 1);
        all.Add(new LayerSpec(OutputLayer, [outputs.ToString(System.Globalization.CultureInfo.InvariantCulture)]));

        var layers = new List<ILayer<T>>();
        int width = inputs;
        foreach (var spec in all)
        {
            var layer = Create(spec, width, context);
            layers.Add(layer);
            width = layer.OutputSize;
        }
        return new Sequential<T>(layers);
    }

    /// <summary>The <c>--hidden 64,32</c> short form as specs: a Dense + ReLU pair per width.</summary>
    public static IReadOnlyList<LayerSpec> FromHidden(IEnumerable<int> hidden) =>
        [.. hidden.SelectMany(width => new[] { new LayerSpec(OutputLayer, [width.ToString(System.Globalization.CultureInfo.InvariantCulture)]), new LayerSpec("relu", []) })];

    private static IReadOnlyDictionary<string, RegisteredLayer> Scan()
    {
        var layers = new Dictionary<string, RegisteredLayer>(StringComparer.Ordinal);
        foreach (var type in typeof(LayerRegistry).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<LayerAttribute>() is not { } attribute)
                continue;
            if (!type.IsGenericTypeDefinition || type.GetGenericArguments().Length != 1)
                throw new InvalidOperationException($"layer '{attribute.Name}' ({type.Name}) must be generic in its element type, like Dense<T>");
            if (!layers.TryAdd(attribute.Name, new RegisteredLayer(attribute.Name, attribute.Usage, attribute.Example, type)))
                throw new InvalidOperationException($"two layers are registered as '{attribute.Name}'");
        }
        return layers;
    }
}
