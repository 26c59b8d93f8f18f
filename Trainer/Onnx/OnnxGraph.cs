namespace NeuralNet.Onnx;

/// <summary>
/// An ONNX graph being built: nodes, constant tensors (initializers), one float input and one float output, each
/// (batch, features) with a symbolic batch size. Field numbers are those of onnx/onnx.proto.
/// </summary>
public sealed class OnnxGraph
{
    private const int FloatType = 1; // TensorProto.DataType.FLOAT

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private int _names;

    /// <summary>A fresh value name with a readable stem: "relu_3".</summary>
    public string Name(string stem) => $"{stem}_{_names++}";

    /// <summary>Adds a constant tensor of shape <paramref name="dims"/> and returns its name.</summary>
    public string Constant(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
            tensor.Int(1, dim);          // dims
        tensor.Int(2, FloatType)         // data_type
            .String(8, name)             // name
            .Floats(9, values);          // raw_data
        _initializers.Add(tensor);
        return name;
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

    /// <summary>Adds a node and returns the name of its (single) output.</summary>
    public string Node(string opType, string[] inputs, params (string Name, object Value)[] attributes) =>
        NamedNode(Name(opType.ToLowerInvariant()), opType, inputs, attributes);

    /// <summary>Adds a node whose output has the given name, such as the graph's output.</summary>
    public string NamedNode(string output, string opType, string[] inputs, params (string Name, object Value)[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
            node.String(1, input);      // input
        node.String(2, output)          // output
            .String(3, output)          // name
            .String(4, opType);         // op_type
        foreach (var (name, value) in attributes)
            node.Message(5, Attribute(name, value)); // attribute
        _nodes.Add(node);
        return output;
    }

    /// <summary>The whole ModelProto: IR version 8, the default-domain opset 13.</summary>
    public byte[] ToModel(string graphName, string input, int inputFeatures, string output, int outputFeatures)
    {
        var graph = new ProtoWriter();
        foreach (var node in _nodes)
            graph.Message(1, node);             // node
        graph.String(2, graphName);             // name
        foreach (var initializer in _initializers)
            graph.Message(5, initializer);      // initializer
        graph.Message(11, ValueInfo(input, inputFeatures))    // input
            .Message(12, ValueInfo(output, outputFeatures)); // output

        return new ProtoWriter()
            .Int(1, 8)                                          // ir_version
            .String(2, "NeuralNet")                             // producer_name
            .Message(7, graph)                                  // graph
            .Message(8, new ProtoWriter().String(1, "").Int(2, 13)) // opset_import: domain "", version 13
            .ToArray();
    }

    private static ProtoWriter Attribute(string name, object value)
    {
        var attribute = new ProtoWriter().String(1, name); // name
        return value switch
        {
            float f => attribute.Float(2, f).Int(20, 1),   // f, type FLOAT
            int i => attribute.Int(3, i).Int(20, 2),       // i, type INT
            _ => throw new ArgumentException($"attribute {name}: {value.GetType().Name} is not written", nameof(value)),
        };
    }

    // ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type FLOAT, shape: [batch, features]}}}
    private static ProtoWriter ValueInfo(string name, int features)
    {
        var shape = new ProtoWriter()
            .Message(1, new ProtoWriter().String(2, "batch"))   // dim { dim_param }
            .Message(1, new ProtoWriter().Int(1, features));    // dim { dim_value }
        var tensor = new ProtoWriter().Int(1, FloatType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensor));
    }
}
