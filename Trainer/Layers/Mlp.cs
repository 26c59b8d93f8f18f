namespace NeuralNet.Layers;

public static class Mlp
{
    /// <summary>Dense + ReLU for each hidden width, then a Dense output layer (its activation is in the loss).</summary>
    public static Sequential<T> Build<T>(int inputs, IReadOnlyList<int> hidden, int outputs, Random random)
        where T : struct, IFloatingPointIeee754<T>
    {
        var layers = new List<ILayer<T>>();
        int width = inputs;
        foreach (int units in hidden)
        {
            layers.Add(new Dense<T>(width, units, random));
            layers.Add(new ReLU<T>(units));
            width = units;
        }
        layers.Add(new Dense<T>(width, outputs, random));
        return new Sequential<T>(layers);
    }
}
