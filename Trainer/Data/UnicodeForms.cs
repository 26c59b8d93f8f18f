using System.Globalization;
using System.Text;

namespace NeuralNet.Data;

/// <summary>
/// Whether two texts are one text in two Unicode normalisation forms: <c>café</c> with U+00E9 (composed, NFC, as
/// Windows and most keyboards write it) and with <c>e</c> + U+0301 (decomposed, NFD, as macOS file names are). Cells
/// are kept as written, not normalised: the exported ONNX graph compares strings as they are, and predict does the
/// same, so the two stay two categories; training says so (see <see cref="PreparedData"/>). Two texts are one text
/// exactly when their canonical decompositions (NFD) are equal, as string.Normalize computes them with ICU (Debian's
/// libicu, which .ci/setup installs; the project does not run under InvariantGlobalization, where Normalize does
/// nothing).
/// </summary>
public static class UnicodeForms
{
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

    /// <summary>The canonical decomposition (NFD) of <paramref name="text"/>, by ICU. A lone surrogate (which
    /// Normalize refuses) is read as U+FFFD, as <see cref="string.EnumerateRunes"/> reads it.</summary>
    public static string Decomposed(string text)
    {
        if (Ascii.IsValid(text))
            return text;
        try
        {
            return text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return string.Concat(text.EnumerateRunes().Select(r => r.ToString())).Normalize(NormalizationForm.FormD);
        }
    }

    /// <summary>"U+00E9" or "U+0065 U+0301": a text's non-ASCII characters, to tell two forms apart in a message
    /// (they print alike).</summary>
    public static string CodePoints(string text) =>
        string.Join(' ', text.EnumerateRunes().Where(r => !r.IsAscii).Select(r => string.Create(CultureInfo.InvariantCulture, $"U+{r.Value:X4}")));
}
