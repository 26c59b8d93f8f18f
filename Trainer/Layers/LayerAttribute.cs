namespace NeuralNet.Layers;

/// <summary>
/// Registers a layer under its spec name. The class must be generic in the element type (<c>Foo&lt;T&gt;</c>) and
/// have a public constructor taking what it uses: <c>(int inputs)</c> (a layer without arguments),
/// <c>(LayerSpec spec, int inputs)</c>, or <c>(LayerSpec spec, int inputs, LayerContext&lt;T&gt; context)</c> (a random
/// stream for initial values, the matrix product, or inner layers to build); <see cref="LayerRegistry"/> finds it, so
/// <c>--layers</c>, the model file, <c>--help</c> and the contract tests all pick it up with no other change.
/// </summary>
/// <param name="name">The spec name, as written in <c>--layers</c> and in the model file.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LayerAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>One line for <c>--help</c>: the syntax and what the arguments mean.</summary>
    public string Usage { get; init; } = "";

    /// <summary>A typical spec, such as <c>leaky_relu:0.01</c>; the contract tests build the layer from it.</summary>
    public string Example { get; init; } = "";
}
