using NeuralNet.PyTorch;

namespace NeuralNet.Export;

/// <summary>A network written for PyTorch: the modules of its nn.Sequential (Python expressions, one per layer), its
/// state dict ("0.weight", "2.1.0.bias", "3.running_mean", in module order) and the Python classes the modules use
/// that torch lacks.</summary>
public sealed record TorchNetwork(IReadOnlyList<string> Modules, IReadOnlyList<NamedTensor> Tensors, IEnumerable<string> Classes);
