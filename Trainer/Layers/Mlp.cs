namespace NeuralNet.Layers;

public static class Mlp
{
    /// <summary>Dense + ReLU for each hidden width, then a Dense output layer (its activation is in the loss): the
    /// <c>--hidden</c> short form, built by the layer registry like any <c>--layers</c> spec.</summary>
    public static Sequential<T> Build<T>(int inputs, IReadOnlyList<int> hidden, int outputs, LayerContext<T> context)
        where T : struct, IFloatingPointIeee754<T> =>
        LayerRegistry.Build<T>(LayerRegistry.FromHidden(hidden), inputs, outputs, context);
}
