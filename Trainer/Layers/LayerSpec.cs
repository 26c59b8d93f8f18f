using System.Globalization;
using NeuralNet.Data;

namespace NeuralNet.Layers;

/// <summary>One layer as written in <c>--layers</c> and saved in the model file: <c>name[:arg,arg…]</c>, such as
/// <c>dense:128</c> or <c>generalized_relu:0,0.1,1</c>. A layer reads its arguments through the typed accessors,
/// whose errors name the spec.</summary>
public sealed class LayerSpec
{
    public LayerSpec(string name, IReadOnlyList<string> arguments)
    {
        Name = name;
        Arguments = arguments;
    }

    public string Name { get; }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Formats a spec from numbers in their shortest round-trip form, so a saved spec rebuilds the same layer.</summary>
    public static string Format(string name, params double[] arguments) =>
        arguments.Length == 0 ? name : $"{name}:{string.Join(',', arguments.Select(a => a.ToString("R", CultureInfo.InvariantCulture)))}";

    public override string ToString() => Arguments.Count == 0 ? Name : $"{Name}:{string.Join(',', Arguments)}";

    /// <summary>Throws unless there are at most <paramref name="count"/> arguments.</summary>
    public void AtMost(int count, string usage)
    {
        if (Arguments.Count > count)
            throw new InputException($"layer '{this}' takes {(count == 0 ? "no arguments" : $"at most {count} argument{(count == 1 ? "" : "s")}")}: {usage}");
    }

    /// <summary>The largest magnitude a number argument may have: a slope or threshold beyond it overflows float
    /// activations at once (1e39 is not even a float), so it is refused here rather than diverging in training.</summary>
    public const double MaxMagnitude = 1e6;

    /// <summary>Argument <paramref name="index"/> as a number within ±<see cref="MaxMagnitude"/>, or <paramref name="fallback"/> when absent.</summary>
    public double Number(int index, double fallback, string what)
    {
        if (index >= Arguments.Count)
            return fallback;
        if (!double.TryParse(Arguments[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(Math.Abs(value) <= MaxMagnitude))
            throw new InputException($"layer '{this}': {what} must be a number from -1e6 to 1e6, not '{Arguments[index]}'");
        return value;
    }

    /// <summary>Argument <paramref name="index"/> as a positive integer, or null when absent.</summary>
    public int? Count(int index, string what)
    {
        if (index >= Arguments.Count)
            return null;
        if (!int.TryParse(Arguments[index], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            throw new InputException($"layer '{this}': {what} must be a positive integer, not '{Arguments[index]}'");
        return value;
    }
}
