using System.Text;
using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>The one number grammar of every cell: what is a number, what is missing, what is refused.</summary>
public sealed class NumberGrammarTests
{
    [TestCase("3", false, 3f)]
    [TestCase("-0.25", false, -0.25f)]
    [TestCase(".5", false, 0.5f)]
    [TestCase("1.", false, 1f)]
    [TestCase("+2E5", false, 200000f)]
    [TestCase("1e-3", false, 0.001f)]
    [TestCase("  7\t", false, 7f)]
    [TestCase("12345678", false, 12345678f)]
    [TestCase("4,5", true, 4.5f)]
    [TestCase("-0,25e1", true, -2.5f)]
    public void Reads_a_number(string text, bool decimalComma, float expected)
    {
        var kind = NumberGrammar.Read(Encoding.UTF8.GetBytes(text), decimalComma, out float value);

        Assert.Multiple(() =>
        {
            Assert.That(kind, Is.EqualTo(CellKind.Number));
            Assert.That(value, Is.EqualTo(expected));
        });
    }

    [TestCase("4,5", false)]
    [TestCase("1.5", true)]
    [TestCase("1.234,5", true)]
    [TestCase("1,234.5", false)]
    [TestCase("0x10", false)]
    [TestCase("1_000", false)]
    [TestCase("50%", false)]
    [TestCase("true", false)]
    [TestCase("٣", false)]
    [TestCase("３", false)]
    [TestCase("\u00A03.5", false)]
    [TestCase("−3.5", false)]
    [TestCase("1e", false)]
    [TestCase("e5", false)]
    [TestCase(".", false)]
    [TestCase("-", false)]
    [TestCase("1 000", false)]
    public void Refuses_what_is_not_in_the_grammar(string text, bool decimalComma) =>
        Assert.That(NumberGrammar.Read(Encoding.UTF8.GetBytes(text), decimalComma, out _), Is.EqualTo(CellKind.NotANumber));

    [TestCase("1e400")]
    [TestCase("-1e39")]
    [TestCase("inf")]
    [TestCase("-Infinity")]
    [TestCase("∞")]
    public void Refuses_what_is_beyond_a_float_as_not_finite(string text) =>
        Assert.That(NumberGrammar.Read(Encoding.UTF8.GetBytes(text), false, out _), Is.EqualTo(CellKind.NotFinite));

    [Test]
    public void Every_listed_word_and_an_empty_field_are_missing_and_nothing_else()
    {
        string[] missing = ["", "   ", .. MissingValues.DefaultWords];
        string[] notMissing = ["na", "Na", "none", "NONE", "nil", "-", "NaN ?", "N/a"];

        Assert.Multiple(() =>
        {
            foreach (string word in missing)
                Assert.That(NumberGrammar.Read(Encoding.UTF8.GetBytes(word), false, out _), Is.EqualTo(CellKind.Missing), word);
            foreach (string word in notMissing)
                Assert.That(NumberGrammar.Read(Encoding.UTF8.GetBytes(word), false, out _), Is.EqualTo(CellKind.NotANumber), word);
        });
    }
}
