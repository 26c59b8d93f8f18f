using System.Reflection;
using System.Runtime.ExceptionServices;

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

    /// <summary>The registered layers that have an ONNX form (override <see cref="Layer{T}.ToOnnx"/>), for the export's refusal message.</summary>
    public static string OnnxNames => Overriding(nameof(Layer<float>.ToOnnx));

    /// <summary>The registered layers that have a PyTorch form (override <see cref="Layer{T}.ToTorch"/>), for the export's refusal message.</summary>
    public static string TorchNames => Overriding(nameof(Layer<float>.ToTorch));

    /// <summary>Parses <c>dense:256,relu,residual(dense:256,relu),dense</c> (see <see cref="LayerSpec.Parse"/>):
    /// one clear error naming the character where the text goes wrong.</summary>
    public static IReadOnlyList<LayerSpec> Parse(string text) => LayerSpec.Parse(text, ByName.Value.ContainsKey, Names);

    /// <summary>Builds the layer <paramref name="spec"/> for element type T taking <paramref name="inputs"/> features.</summary>
    public static Layer<T> Create<T>(LayerSpec spec, int inputs, LayerContext<T> context) where T : struct, IFloatingPointIeee754<T>
    {
        if (!ByName.Value.TryGetValue(spec.Name, out var layer))
            throw new InputException($"unknown layer '{spec.Name}'; the layers are {Names}");
        Layer<T> built;
        try
        {
            built = (Layer<T>)Activator.CreateInstance(layer.Definition.MakeGenericType(typeof(T)), Arguments(layer, spec, inputs, context))!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        // A layer that holds layers builds them from spec.Children; any other would drop them without a word.
        if (spec.Children.Count > 0 && built.Children.Count == 0)
            throw spec.Error($"'{spec.Name}' holds no inner layers; only a layer such as residual(...) or ensemble:K(...) does");
        return built;
    }

    // A layer's constructor takes what it uses, in this order: the spec (for its arguments or inner layers), its
    // input size, and the context (a random stream for initial values, the matrix product). One that takes no spec
    // takes no arguments, which is checked here.
    private static object[] Arguments<T>(RegisteredLayer layer, LayerSpec spec, int inputs, LayerContext<T> context) where T : struct
    {
        switch (ConstructorShape(layer.Definition))
        {
            case 3:
                return [spec, inputs, context];
            case 2:
                return [spec, inputs];
            default:
                spec.AtMost(0, layer.Usage);
                return [inputs];
        }
    }

    // How many of (LayerSpec spec, int inputs, LayerContext<T> context) the layer's constructor takes: 3, 2, or 1
    // (int inputs alone); 0 when it has none of these forms.
    private static int ConstructorShape(Type definition)
    {
        Type[][] forms = [
            [typeof(LayerSpec), typeof(int), typeof(LayerContext<>).MakeGenericType(definition.GetGenericArguments()[0])],
            [typeof(LayerSpec), typeof(int)],
            [typeof(int)]];
        var constructors = definition.GetConstructors().Select(c => c.GetParameters().Select(p => p.ParameterType).ToArray()).ToList();
        for (int i = 0; i < forms.Length; i++)
        {
            if (constructors.Any(parameters => parameters.SequenceEqual(forms[i])))
                return forms.Length - i;
        }
        return 0;
    }

    /// <summary>Builds <paramref name="specs"/> one after another, each taking the previous one's outputs: the inner
    /// layers of a layer that holds layers (no output layer is added).</summary>
    public static Sequential<T> Sequence<T>(IReadOnlyList<LayerSpec> specs, int inputs, LayerContext<T> context) where T : struct, IFloatingPointIeee754<T>
    {
        var layers = new List<Layer<T>>();
        int width = inputs;
        foreach (var spec in specs)
        {
            var layer = Create(spec, width, context);
            layers.Add(layer);
            width = layer.OutputSize;
        }
        return new Sequential<T>(layers);
    }

    /// <summary>Builds a network from <paramref name="specs"/> with the output layer sized from the data (see
    /// <see cref="WithOutputLayer"/>). Every layer gets <paramref name="context"/>: one random stream drawn in layer
    /// order, and one matrix product.</summary>
    public static Sequential<T> Build<T>(IReadOnlyList<LayerSpec> specs, int inputs, int outputs, LayerContext<T> context)
        where T : struct, IFloatingPointIeee754<T> =>
        Sequence(WithOutputLayer(specs, outputs), inputs, context);

    /// <summary>The specs with the output layer sized to <paramref name="outputs"/>, the values per sample the loss
    /// needs. A bare <c>dense</c> at the end is the output layer; so is one at the end of the last layer's inner
    /// layers (<c>ensemble:4(dense:64,relu,dense)</c>: each member ends in its own). Otherwise one is appended.</summary>
    public static IReadOnlyList<LayerSpec> WithOutputLayer(IReadOnlyList<LayerSpec> specs, int outputs)
    {
        var output = new LayerSpec(OutputLayer, [outputs.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return SizedOutput(specs, output) ?? [.. specs, output];
    }

    // The specs with their trailing bare 'dense' (at the end, or at the end of the last spec's inner layers) replaced
    // by output; null when there is none.
    private static List<LayerSpec>? SizedOutput(IReadOnlyList<LayerSpec> specs, LayerSpec output)
    {
        if (specs.Count == 0)
            return null;
        var last = specs[^1];
        if (last.Name == OutputLayer && last.Arguments.Count == 0 && last.Children.Count == 0)
            return [.. specs.Take(specs.Count - 1), new LayerSpec(OutputLayer, output.Arguments, null, last.Position)];
        return SizedOutput(last.Children, output) is { } inner ? [.. specs.Take(specs.Count - 1), last.WithChildren(inner)] : null;
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
            if (ConstructorShape(type) == 0)
                throw new InvalidOperationException($"layer '{attribute.Name}' ({type.Name}) needs a public constructor (int inputs), (LayerSpec spec, int inputs) or (LayerSpec spec, int inputs, LayerContext<T> context)");
            if (!layers.TryAdd(attribute.Name, new RegisteredLayer(attribute.Name, attribute.Usage, attribute.Example, type)))
                throw new InvalidOperationException($"two layers are registered as '{attribute.Name}'");
        }
        return layers;
    }

    // The names of the registered layers whose float form overrides Layer<T>'s virtual `method` (a form for export).
    private static string Overriding(string method) => string.Join(", ", All.Where(layer =>
        layer.Definition.MakeGenericType(typeof(float)).GetMethod(method)!.DeclaringType != typeof(Layer<float>)).Select(layer => layer.Name));
}
