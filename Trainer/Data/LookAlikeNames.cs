using System.Text;

namespace NeuralNet.Data;

/// <summary>
/// Column names that print alike but are different texts: 'a' and Cyrillic 'а' (U+0430), 'café' composed (NFC) and
/// decomposed (NFD), 'a b' with a space and with a no-break space, a name with a zero-width character. Read as two
/// columns, such names make --target, --drop and predict's by-name matching pick one of them silently; read as one,
/// a value would change column. A header with two such names is refused instead (<see cref="CsvScan"/>), naming both.
/// </summary>
public static class LookAlikeNames
{
    /// <summary>The form two look-alike names share: the compatibility decomposition (NFKD: composed and decomposed
    /// letters, full-width forms, no-break spaces), without zero-width characters, with the Cyrillic and Greek letters
    /// that look like Latin ones read as those. ASCII names are their own key.</summary>
    public static string Key(string name)
    {
        if (Ascii.IsValid(name))
            return name;
        string decomposed;
        try
        {
            decomposed = name.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            decomposed = UnicodeForms.Decomposed(name);
        }
        var key = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD')
                continue;
            int look = LookAlikes.IndexOf(c, StringComparison.Ordinal);
            key.Append(look >= 0 ? Latin[look] : c);
        }
        return key.ToString();
    }

    /// <summary>The refusal of columns <paramref name="first"/> and <paramref name="second"/> (0-based), with their
    /// non-ASCII characters' code points, since they print alike.</summary>
    public static InputException Refused(string path, int first, string firstName, int second, string secondName) =>
        InputException.At(path, 1, second + 1, $"the header names column {first + 1} {Described(firstName)} and column {second + 1} {Described(secondName)}, "
            + "which print alike but differ in Unicode look-alike characters or normalisation; expected column names that differ visibly: rename one");

    private static string Described(string name) =>
        UnicodeForms.CodePoints(name) is { Length: > 0 } points ? $"'{CsvScan.Shorten(name)}' ({points})" : $"'{CsvScan.Shorten(name)}'";

    // Cyrillic, then Greek, letters and the Latin letters they print as.
    private const string LookAlikes = "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТУХІЈЅοινΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
    private const string Latin = "aeopcyxijsdqwhlABEKMHOPCTYXIJSoivABEZHIKMNOPTYX";
}
