namespace NeuralNet.Onnx;

/// <summary>The element types a graph's tensors use (TensorProto.DataType).</summary>
public enum OnnxType
{
    Float = 1,
    String = 8,
    Int64 = 7,
    Bool = 9,
    Double = 11,
}

/// <summary>
/// An ONNX graph being built: inputs, nodes, constant tensors (initializers) and outputs, every input and output with
/// a symbolic batch size first. Field numbers are those of onnx/onnx.proto. Every value name is unique: a name asked
/// for that is taken (by a column called "layer0.weight", say) gets a suffix, and the name actually used is returned.
/// </summary>
public sealed class OnnxGraph
{
    /// <summary>The domain of the traditional-ML operators (Imputer, OneHotEncoder, LabelEncoder).</summary>
    public const string MlDomain = "ai.onnx.ml";

    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>A fresh value name with a readable stem: "relu_3".</summary>
    public string Name(string stem)
    {
        for (int i = _used.Count; ; i++)
        {
            if (_used.Add($"{stem}_{i}"))
                return $"{stem}_{i}";
        }
    }

    /// <summary>Takes <paramref name="name"/> if it is free, else the first free "name_1", "name_2"…</summary>
    public string Reserve(string name)
    {
        if (_used.Add(name))
            return name;
        for (int i = 1; ; i++)
        {
            if (_used.Add($"{name}_{i}"))
                return $"{name}_{i}";
        }
    }

    /// <summary>Declares a graph input of shape (batch, <paramref name="width"/>) and returns its name. Inputs are
    /// declared first, so that they keep the names a caller feeds them by.</summary>
    public string Input(string name, OnnxType type, long width)
    {
        name = Reserve(name);
        _inputs.Add(ValueInfo(name, type, width));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> a graph output: (batch) when <paramref name="width"/> is null,
    /// else (batch, width).</summary>
    public void Output(string value, OnnxType type, long? width) => _outputs.Add(ValueInfo(value, type, width));

    /// <summary>Adds a constant float tensor of shape <paramref name="dims"/> and returns its name.</summary>
    public string Constant(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var (tensor, reserved) = Tensor(name, OnnxType.Float, dims);
        tensor.Floats(9, values); // raw_data
        return reserved;
    }

    /// <summary>Adds a constant double tensor of shape <paramref name="dims"/> and returns its name.</summary>
    public string Constant(string name, ReadOnlySpan<double> values, params long[] dims)
    {
        var (tensor, reserved) = Tensor(name, OnnxType.Double, dims);
        tensor.Doubles(9, values); // raw_data
        return reserved;
    }

    /// <summary>Adds a constant string tensor of shape <paramref name="dims"/> and returns its name.</summary>
    public string Constant(string name, IReadOnlyList<string> values, params long[] dims)
    {
        var (tensor, reserved) = Tensor(name, OnnxType.String, dims);
        foreach (string value in values)
            tensor.String(6, value); // string_data
        return reserved;
    }

    // A TensorProto initializer with its dims, type and name written; the caller adds the values.
    private (ProtoWriter Tensor, string Name) Tensor(string name, OnnxType type, long[] dims)
    {
        name = Reserve(name);
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
            tensor.Int(1, dim);          // dims
        tensor.Int(2, (int)type)         // data_type
            .String(8, name);            // name
        _initializers.Add(tensor);
        return (tensor, name);
    }

    /// <summary>Values of a layer generic in its element type as the graph's float: exact for float, rounded to
    /// nearest for double.</summary>
    public static float[] Floats<T>(ReadOnlySpan<T> values) where T : IFloatingPointIeee754<T>
    {
        var floats = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
            floats[i] = float.CreateTruncating(values[i]);
        return floats;
    }

    /// <summary>Adds a node of the default domain and returns the name of its (single) output.</summary>
    public string Node(string opType, string[] inputs, params (string Name, object Value)[] attributes) =>
        NamedNode(Name(opType.ToLowerInvariant()), opType, inputs, attributes);

    /// <summary>Adds a node of the ai.onnx.ml domain and returns the name of its (single) output.</summary>
    public string MlNode(string opType, string[] inputs, params (string Name, object Value)[] attributes) =>
        AddNode(Name(opType.ToLowerInvariant()), MlDomain, opType, inputs, attributes);

    /// <summary>Adds an ai.onnx.ml node whose output has the given name (reserved by the caller).</summary>
    public string NamedMlNode(string output, string opType, string[] inputs, params (string Name, object Value)[] attributes) =>
        AddNode(output, MlDomain, opType, inputs, attributes);

    /// <summary>Adds a node whose output has the given name, such as the graph's output (reserved by the caller).</summary>
    public string NamedNode(string output, string opType, string[] inputs, params (string Name, object Value)[] attributes) =>
        AddNode(output, "", opType, inputs, attributes);

    private string AddNode(string output, string domain, string opType, string[] inputs, (string Name, object Value)[] attributes)
    {
        _used.Add(output);
        var node = new ProtoWriter();
        foreach (string input in inputs)
            node.String(1, input);      // input
        node.String(2, output)          // output
            .String(3, output)          // name
            .String(4, opType);         // op_type
        foreach (var (name, value) in attributes)
            node.Message(5, Attribute(name, value)); // attribute
        if (domain.Length > 0)
            node.String(7, domain);     // domain
        _nodes.Add(node);
        return output;
    }

    /// <summary>The whole ModelProto: IR version 8, the default-domain opset 13 and ai.onnx.ml opset 3.</summary>
    public byte[] ToModel(string graphName)
    {
        var graph = new ProtoWriter();
        foreach (var node in _nodes)
            graph.Message(1, node);             // node
        graph.String(2, graphName);             // name
        foreach (var initializer in _initializers)
            graph.Message(5, initializer);      // initializer
        foreach (var input in _inputs)
            graph.Message(11, input);           // input
        foreach (var output in _outputs)
            graph.Message(12, output);          // output

        return new ProtoWriter()
            .Int(1, 8)                                                      // ir_version
            .String(2, "NeuralNet")                                         // producer_name
            .Message(7, graph)                                              // graph
            .Message(8, new ProtoWriter().String(1, "").Int(2, 13))         // opset_import: domain "", version 13
            .Message(8, new ProtoWriter().String(1, MlDomain).Int(2, 3))    // opset_import: ai.onnx.ml, version 3
            .ToArray();
    }

    // AttributeProto: name (1), then the value in its own field and the type (20): f 2 FLOAT=1, i 3 INT=2,
    // s 4 STRING=3, floats 7 FLOATS=6, ints 8 INTS=7, strings 9 STRINGS=8.
    private static ProtoWriter Attribute(string name, object value)
    {
        var attribute = new ProtoWriter().String(1, name);
        switch (value)
        {
            case float f:
                return attribute.Float(2, f).Int(20, 1);
            case int i:
                return attribute.Int(3, i).Int(20, 2);
            case long l:
                return attribute.Int(3, l).Int(20, 2);
            case string s:
                return attribute.String(4, s).Int(20, 3);
            case float[] floats:
                foreach (float f in floats)
                    attribute.Float(7, f);
                return attribute.Int(20, 6);
            case long[] ints:
                foreach (long i in ints)
                    attribute.Int(8, i);
                return attribute.Int(20, 7);
            case string[] strings:
                foreach (string s in strings)
                    attribute.String(9, s);
                return attribute.Int(20, 8);
            default:
                throw new ArgumentException($"attribute {name}: {value.GetType().Name} is not written", nameof(value));
        }
    }

    // ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type, shape: [batch] or [batch, width]}}}
    private static ProtoWriter ValueInfo(string name, OnnxType type, long? width)
    {
        var shape = new ProtoWriter().Message(1, new ProtoWriter().String(2, "batch"));   // dim { dim_param }
        if (width is { } w)
            shape.Message(1, new ProtoWriter().Int(1, w));                                 // dim { dim_value }
        var tensor = new ProtoWriter().Int(1, (int)type).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensor));
    }
}
