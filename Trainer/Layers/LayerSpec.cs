using System.Globalization;

namespace NeuralNet.Layers;

/// <summary>One layer as written in <c>--layers</c> and saved in the model file: <c>name[:arg,arg…][(inner layers)]</c>,
/// such as <c>dense:128</c>, <c>generalized_relu:0,0.1,1</c> or <c>ensemble:4(dense:64,relu,dense)</c>. A layer reads
/// its arguments through the typed accessors, whose errors name the spec and where it was written.</summary>
public sealed class LayerSpec
{
    public LayerSpec(string name, IReadOnlyList<string> arguments, IReadOnlyList<LayerSpec>? children = null, int position = 0)
    {
        Name = name;
        Arguments = arguments;
        Children = children ?? [];
        Position = position;
    }

    public string Name { get; }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The layers written in parentheses after it, such as residual(dense:32,relu)'s two; empty for most layers.</summary>
    public IReadOnlyList<LayerSpec> Children { get; }

    /// <summary>Where the spec starts in the text it was parsed from (1-based), for messages; 0 when it was not parsed.</summary>
    public int Position { get; }

    /// <summary>Formats a spec from numbers in their shortest round-trip form, so a saved spec rebuilds the same layer.</summary>
    public static string Format(string name, params double[] arguments) =>
        arguments.Length == 0 ? name : $"{name}:{string.Join(',', arguments.Select(a => a.ToString("R", CultureInfo.InvariantCulture)))}";

    /// <summary>The same spec with other inner layers.</summary>
    public LayerSpec WithChildren(IReadOnlyList<LayerSpec> children) => new(Name, Arguments, children, Position);

    public override string ToString() =>
        (Arguments.Count == 0 ? Name : $"{Name}:{string.Join(',', Arguments)}") + (Children.Count == 0 ? "" : $"({string.Join(',', Children)})");

    /// <summary>Throws unless there are at most <paramref name="count"/> arguments.</summary>
    public void AtMost(int count, string usage)
    {
        if (Arguments.Count > count)
            throw Error($"takes {(count == 0 ? "no arguments" : $"at most {count} argument{(count == 1 ? "" : "s")}")}: {usage}");
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
            throw Error($"{what} must be a number from -1e6 to 1e6, not '{Arguments[index]}'");
        return value;
    }

    /// <summary>Argument <paramref name="index"/> as a positive integer, or null when absent.</summary>
    public int? Count(int index, string what)
    {
        if (index >= Arguments.Count)
            return null;
        if (!int.TryParse(Arguments[index], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            throw Error($"{what} must be a positive integer, not '{Arguments[index]}'");
        return value;
    }

    /// <summary>The inner layers, which a layer that holds layers needs: an error showing the form when there are none.</summary>
    public IReadOnlyList<LayerSpec> Inner(string usage) =>
        Children.Count > 0 ? Children : throw Error($"needs its inner layers in parentheses: {usage}");

    /// <summary>An error about this spec, one line: "layer 'dense:0': … (at character 9)".</summary>
    public InputException Error(string problem) =>
        new($"layer '{this}': {problem}{(Position > 0 ? $" (at character {Position})" : "")}");

    /// <summary>Parses <c>dense:256,relu,residual(dense:256,relu),dense</c>. Commas separate both layers and the
    /// arguments of one layer: an item that starts with a letter begins a new layer, anything else continues the
    /// arguments of a layer written with a colon; a layer's inner layers follow it in parentheses. An error is one
    /// line giving the position (1-based) of the problem.</summary>
    /// <param name="isLayer">Whether a name is a registered layer.</param>
    /// <param name="names">The registered names, for the message about an unknown one.</param>
    public static IReadOnlyList<LayerSpec> Parse(string text, Func<string, bool> isLayer, string names) =>
        new Reader(text, isLayer, names).All();

    // A recursive-descent reader over the text: list := item (',' item)*; item := name [':' arg (',' arg)*] ['(' list ')'].
    private sealed class Reader(string text, Func<string, bool> isLayer, string names)
    {
        private int _at; // the next character to read (0-based)

        public IReadOnlyList<LayerSpec> All()
        {
            var specs = List();
            if (_at < text.Length) // List stops only at the end or at ')'
                throw Problem(_at, "')' closes no '('");
            return specs;
        }

        private List<LayerSpec> List()
        {
            var specs = new List<LayerSpec> { Item() };
            while (Peek() == ',')
            {
                _at++;
                specs.Add(Item());
            }
            return specs;
        }

        private LayerSpec Item()
        {
            SkipSpaces();
            int start = _at;
            if (!StartsLayer(Peek()))
            {
                string token = Token();
                throw Problem(start, token.Length == 0 ? "a layer is missing" : $"'{token}' is not a layer",
                    "write layers as name[:arg,arg], such as dense:128,relu,dense, and inner layers in parentheses, such as residual(dense:128,relu)");
            }
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_'))
                _at++;
            string name = text[start.._at].ToLowerInvariant();
            if (!isLayer(name))
                throw Problem(start, $"unknown layer '{name}'", $"the layers are {names}");

            var arguments = new List<string>();
            if (Peek() == ':')
            {
                _at++;
                arguments.Add(Token());
                // A comma continues the arguments unless what follows it starts a layer (or ends a list).
                while (Peek() == ',' && NextAfterComma() is var next && !StartsLayer(next) && next is not (')' or '(' or ',' or '\0'))
                {
                    _at++;
                    arguments.Add(Token());
                }
            }
            List<LayerSpec>? children = null;
            if (Peek() == '(')
            {
                int open = _at++;
                if (Peek() == ')')
                    throw Problem(open, $"'{name}(' holds no layers");
                children = List();
                if (Peek() != ')')
                    throw Problem(open, $"the '(' after '{name}' is never closed");
                _at++;
            }
            SkipSpaces();
            return new LayerSpec(name, arguments, children, start + 1);
        }

        // The text up to the next separator, trimmed: an argument, or what stands where a layer should.
        private string Token()
        {
            int start = _at;
            while (_at < text.Length && text[_at] is not (',' or '(' or ')'))
                _at++;
            return text[start.._at].Trim();
        }

        private char Peek()
        {
            SkipSpaces();
            return _at < text.Length ? text[_at] : '\0';
        }

        private char NextAfterComma()
        {
            int i = _at + 1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            return i < text.Length ? text[i] : '\0';
        }

        private void SkipSpaces()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
                _at++;
        }

        private static bool StartsLayer(char c) => char.IsLetter(c) || c == '_';

        private InputException Problem(int at, string problem, string? advice = null) =>
            new($"{problem} at character {at + 1} of '{text}'{(advice is null ? "" : $"; {advice}")}");
    }
}
