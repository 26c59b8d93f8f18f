using System.Globalization;
using System.Text;

namespace NeuralNet.Data;

/// <summary>
/// Whether two texts are one text in two Unicode normalisation forms: <c>café</c> with U+00E9 (composed, NFC, as
/// Windows and most keyboards write it) and with <c>e</c> + U+0301 (decomposed, NFD, as macOS file names are). Cells
/// are kept as written, not normalised: the exported ONNX graph compares strings as they are, and predict does the
/// same, so the two stay two categories; training says so (see <see cref="PreparedData"/>). string.Normalize cannot
/// tell: under InvariantGlobalization (Directory.Build.props) it returns the text unchanged. Two texts are one text
/// exactly when their canonical decompositions (NFD) are equal; the decompositions and combining classes come from
/// canonical_decompositions.txt, generated from Python's unicodedata by canonical_decompositions.py.
/// </summary>
public static class UnicodeForms
{
    private static readonly Lazy<(Dictionary<int, int[]> Decompositions, Dictionary<int, int> Classes)> Data = new(Load);

    /// <summary>The pairs of <paramref name="values"/> that are one text in two forms, the first of each group with
    /// each other member, in the order given. Only a group with a non-ASCII member can have two: ASCII texts are
    /// their own decomposition.</summary>
    public static IReadOnlyList<(string First, string Second)> EquivalentPairs(IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.TrueForAll(value => Ascii.IsValid(value)))
            return [];
        var firstByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = new List<(string, string)>();
        foreach (string value in list)
        {
            string key = Decomposed(value);
            if (!firstByKey.TryAdd(key, value) && firstByKey[key] != value)
                pairs.Add((firstByKey[key], value));
        }
        return pairs;
    }

    /// <summary>The canonical decomposition (NFD) of <paramref name="text"/>: each character fully decomposed, then
    /// each run of combining marks put in the canonical order (by combining class, stably).</summary>
    public static string Decomposed(string text)
    {
        if (Ascii.IsValid(text))
            return text;
        var (decompositions, classes) = Data.Value;
        var runes = new List<int>(text.Length + 4);
        foreach (var rune in text.EnumerateRunes())
        {
            int c = rune.Value;
            if (c is >= HangulFirst and <= HangulLast)
                DecomposeHangul(c, runes);
            else if (decompositions.TryGetValue(c, out var parts))
                runes.AddRange(parts);
            else
                runes.Add(c);
        }
        // Canonical ordering: within a run of marks of non-zero class, a mark of lower class goes first.
        for (int i = 1; i < runes.Count; i++)
        {
            int mark = runes[i], markClass = classes.GetValueOrDefault(mark);
            int j = i;
            while (markClass != 0 && j > 0 && classes.GetValueOrDefault(runes[j - 1]) > markClass)
            {
                runes[j] = runes[j - 1];
                j--;
            }
            runes[j] = mark;
        }
        var result = new StringBuilder(runes.Count);
        foreach (int c in runes)
            result.Append(new Rune(c).ToString());
        return result.ToString();
    }

    /// <summary>"U+00E9" or "U+0065 U+0301": a text's non-ASCII characters, to tell two forms apart in a message
    /// (they print alike).</summary>
    public static string CodePoints(string text) =>
        string.Join(' ', text.EnumerateRunes().Where(r => !r.IsAscii).Select(r => string.Create(CultureInfo.InvariantCulture, $"U+{r.Value:X4}")));

    // Hangul syllables decompose by arithmetic (The Unicode Standard, 3.12).
    private const int HangulFirst = 0xAC00, HangulLast = 0xD7A3, LeadFirst = 0x1100, VowelFirst = 0x1161, TrailFirst = 0x11A7;
    private const int VowelCount = 21, TrailCount = 28;

    private static void DecomposeHangul(int syllable, List<int> runes)
    {
        int index = syllable - HangulFirst;
        runes.Add(LeadFirst + index / (VowelCount * TrailCount));
        runes.Add(VowelFirst + index % (VowelCount * TrailCount) / TrailCount);
        if (index % TrailCount != 0)
            runes.Add(TrailFirst + index % TrailCount);
    }

    private static (Dictionary<int, int[]>, Dictionary<int, int>) Load()
    {
        var decompositions = new Dictionary<int, int[]>();
        var classes = new Dictionary<int, int>();
        using var stream = typeof(UnicodeForms).Assembly.GetManifestResourceStream("NeuralNet.Data.canonical_decompositions.txt")
            ?? throw new InvalidOperationException("the resource canonical_decompositions.txt is missing from the build");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
                continue;
            var fields = line.Split(' ');
            int code = int.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (fields[0] == "D")
                decompositions[code] = [.. fields.Skip(2).Select(f => int.Parse(f, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
            else
                classes[code] = int.Parse(fields[2], CultureInfo.InvariantCulture);
        }
        return (decompositions, classes);
    }
}
