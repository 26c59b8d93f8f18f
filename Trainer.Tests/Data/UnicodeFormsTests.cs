using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>The canonical decompositions behind the unicode: line (string.Normalize, by ICU), against texts whose
/// forms are known.</summary>
public sealed class UnicodeFormsTests
{
    [TestCase("caf\u00e9", "cafe\u0301")]
    [TestCase("\u1ec7", "e\u0323\u0302")] // ệ: the marks in canonical order (below, 220, before above, 230)
    [TestCase("\u00ea\u0323", "e\u0323\u0302")] // ê + dot below: partly composed, reordered
    [TestCase("\u212b", "A\u030a")] // ANGSTROM SIGN, a singleton
    [TestCase("\u212a", "K")] // KELVIN SIGN
    [TestCase("\ud55c", "\u1112\u1161\u11ab")] // 한: a Hangul syllable, decomposed by arithmetic
    [TestCase("\ud834\udd5e", "\ud834\udd57\ud834\udd65")] // MUSICAL SYMBOL HALF NOTE, outside the BMP
    public void TheDecompositionIsTheNfdOfTheText(string text, string nfd) =>
        Assert.That(UnicodeForms.Decomposed(text), Is.EqualTo(nfd));

    [Test]
    public void PairsAreTheTextsThatAreOneText()
    {
        var pairs = UnicodeForms.EquivalentPairs(["caf\u00e9", "paris", "cafe\u0301", "K", "\u212a", "caf\u00e8"]);

        Assert.That(pairs, Is.EqualTo(new[] { ("caf\u00e9", "cafe\u0301"), ("K", "\u212a") }));
    }

    [Test]
    public void AsciiTextsAreNeverPairs() =>
        Assert.That(UnicodeForms.EquivalentPairs(["a", "b", "A"]), Is.Empty);

    [Test]
    public void ALoneSurrogateIsReadAsTheReplacementCharacter() =>
        // Normalize refuses it; EnumerateRunes (as the unicode: line prints code points) reads it as U+FFFD.
        // Built at run time: a lone surrogate does not survive a TestCase attribute (stored as UTF-8).
        Assert.That(UnicodeForms.Decomposed(new string(['\u00e9', '\ud800'])), Is.EqualTo("e\u0301\ufffd"));

    [Test]
    public void TheProcessHasIcuNotInvariantGlobalization() =>
        // Under InvariantGlobalization Normalize returns its text unchanged and the unicode: line would never appear.
        Assert.That("caf\u00e9".Normalize(System.Text.NormalizationForm.FormD), Is.EqualTo("cafe\u0301"));
}
