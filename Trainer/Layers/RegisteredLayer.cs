namespace NeuralNet.Layers;

/// <summary>A layer class found by <see cref="LayerRegistry"/>: its <see cref="LayerAttribute"/> and its generic
/// definition (<c>Dense&lt;&gt;</c>), closed over float or double when a layer is built.</summary>
public sealed record RegisteredLayer(string Name, string Usage, string Example, Type Definition);
