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

    /// <summary>Plain decimals take a fast path (<see cref="ShortDecimal"/>); every one must round as float.Parse and
    /// double.Parse do, the sign of a zero included (a zero written as an integer is +0, as it has always been read), with either decimal separator.</summary>
    [Test]
    public void Reads_plain_decimals_as_the_runtime_parsers_round_them()
    {
        var random = new Random(21);
        var texts = new List<string> { "0.1", "-0.0", "0.0", "16777216", "16777217", "9.999999", "0.3333333", "1.00000005", "123456.7", "8388607.5", "4503599627370497.5" };
        for (int i = 0; i < 20_000; i++)
        {
            string integer = random.Next(4) == 0 ? "" : random.NextInt64(0, (long)Math.Pow(10, random.Next(1, 12))).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string fraction = new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)('0' + random.Next(10)))]);
            string text = (random.Next(3) switch { 0 => "-", 1 => "+", _ => "" }) + (integer.Length == 0 && fraction.Length == 0 ? "7" : integer) + (fraction.Length > 0 || random.Next(5) == 0 ? "." + fraction : "");
            texts.Add(text);
        }
        Assert.Multiple(() =>
        {
            foreach (string text in texts)
            {
                float expected = float.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                double expectedDouble = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                Assert.That(NumberGrammar.Read(Encoding.UTF8.GetBytes(text), false, out float value), Is.EqualTo(CellKind.Number), text);
                Assert.That(BitConverter.SingleToInt32Bits(value), Is.EqualTo(BitConverter.SingleToInt32Bits(expected == 0 && !text.Contains('.', StringComparison.Ordinal) ? 0f : expected)), text);
                NumberGrammar.Read(Encoding.UTF8.GetBytes(text.Replace('.', ',')), true, out float comma);
                Assert.That(comma, Is.EqualTo(value), text);
                NumberGrammar.ReadDouble(Encoding.UTF8.GetBytes(text), false, MissingValues.Default, out double exact);
                Assert.That(exact, Is.EqualTo(expectedDouble), text);
            }
        });
    }
}
