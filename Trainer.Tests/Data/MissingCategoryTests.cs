using System.Globalization;
using System.Text;
using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;
using NeuralNet.Tests.Export;

namespace NeuralNet.Tests.Data;

/// <summary>A category named like a missing value was filled with the most frequent other category (issue 22):
/// 'None' is a masonry type in R exports, 'NA' is Namibia. A missing text is now a category of its own, and
/// --na-values says which words mean missing.</summary>
public sealed class MissingCategoryTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    /// <summary>Houses: area, masonry (None in 60% of rows, a few cells empty), country (NA = Namibia among
    /// others), price class decided by masonry and area.</summary>
    private string Houses(int rows = 300)
    {
        var random = new Random(11);
        var text = new StringBuilder("area,masonry,country,price\n");
        for (int i = 0; i < rows; i++)
        {
            double area = 50 + random.NextDouble() * 150;
            string masonry = i % 20 == 7 ? "" : random.NextDouble() < 0.6 ? "None" : random.NextDouble() < 0.7 ? "BrkFace" : "Stone";
            string country = new[] { "NA", "ZA", "BW" }[random.Next(3)];
            bool high = area + (masonry == "None" ? 0 : 60) > 150;
            text.Append(CultureInfo.InvariantCulture, $"{area:0.0},{masonry},{country},{(high ? "high" : "low")}\n");
        }
        return _folder.File("houses.csv", text.ToString());
    }

    [Test]
    public void By_default_None_and_NA_are_missing_and_become_a_category_of_their_own_never_the_most_frequent_one()
    {
        string model = _folder.File("m.json");

        var run = CliRun.Train(Houses(), "--save", model);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var masonry = ModelSerializer.Load(model).Preprocessing.Features.Single(f => f.Name == "masonry");
        Assert.Multiple(() =>
        {
            Assert.That(masonry.Categories, Is.EqualTo(new[] { "BrkFace", "Stone" }));
            Assert.That(masonry.MissingCategory, Is.True);
            Assert.That(masonry.FillCategory, Is.Null);
            Assert.That(run.Line("missing: 'masonry'"), Does.Match(@"^missing: 'masonry': \d+ values read as a category of their own, apart from every value of the column \(--missing error refuses them\)$"));
        });
    }

    [Test]
    public void Na_values_naming_no_word_keeps_None_and_NA_as_categories_and_predict_reads_them_so()
    {
        string data = Houses(), model = _folder.File("m.json");

        var run = CliRun.Train(data, "--na-values", "", "--save", model);
        var predict = CliRun.Of("predict", model, data);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var prep = ModelSerializer.Load(model).Preprocessing;
        Assert.Multiple(() =>
        {
            Assert.That(prep.NaValues, Is.Empty);
            Assert.That(prep.Features.Single(f => f.Name == "masonry").Categories, Is.EqualTo(new[] { "BrkFace", "None", "Stone" }));
            Assert.That(prep.Features.Single(f => f.Name == "masonry").MissingCategory, Is.True, "the empty cells");
            Assert.That(prep.Features.Single(f => f.Name == "country").Categories, Is.EqualTo(new[] { "BW", "NA", "ZA" }));
            Assert.That(predict.ExitCode, Is.EqualTo(ExitCodes.Success), predict.ToString());
            Assert.That(predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(301));
        });
    }

    [Test]
    public void Na_values_replace_the_default_words_and_a_numeric_sentinel_is_missing()
    {
        string data = _folder.File("s.csv", "x,colour,y\n1,red,a\n-999,blue,b\n3,None,a\n4,red,b\n5,-,a\n6,blue,b\n");

        var prepared = PreparedData.Load(data, null, null, 0, new Random(1), DataOptions.Default with { Missing = MissingValuePolicy.Median, NaValues = ["-999", "-"] });

        var x = prepared.Preprocessing.Features[0];
        var colour = prepared.Preprocessing.Features[1];
        Assert.Multiple(() =>
        {
            Assert.That(x.Fill, Is.EqualTo(4), "the median of 1, 3, 4, 5, 6, -999 left out");
            Assert.That(colour.Categories, Is.EqualTo(new[] { "None", "blue", "red" }));
            Assert.That(colour.MissingCategory, Is.True, "'-' is missing");
            Assert.That(prepared.ValuesFilled, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_word_that_is_no_longer_missing_is_a_stray_text_in_a_numeric_column()
    {
        var rows = Enumerable.Range(0, 40).Select(i => i == 5 ? "NA,1" : $"{i},{i % 2}");
        string data = _folder.File("n.csv", "x,y\n" + string.Join("\n", rows) + "\n");

        var run = CliRun.Train(data, "--na-values", "");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: {data}:7:1: 'NA' in column 'x' is not a number (39 of 40 cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical x\n"));
    }

    [Test]
    public void The_onnx_graph_reads_a_missing_text_as_the_missing_category_as_predict_does()
    {
        string data = Houses(), model = _folder.File("m.json");
        Assert.That(CliRun.Train(data, "--epochs", "8", "--save", model).ExitCode, Is.EqualTo(ExitCodes.Success));

        var (predict, onnx) = OnnxParity.Both(_folder, model, data);

        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(OnnxParity.WorstDifference(predict.Values, onnx.Values, ModelSerializer.Load(model).Preprocessing), Is.LessThanOrEqualTo(1e-5));
    }

    [Test]
    public void The_onnx_graph_of_a_model_trained_with_na_values_keeps_NA_as_a_category()
    {
        string data = Houses(), model = _folder.File("m.json");
        Assert.That(CliRun.Train(data, "--epochs", "8", "--na-values", "", "--save", model).ExitCode, Is.EqualTo(ExitCodes.Success));

        var (predict, onnx) = OnnxParity.Both(_folder, model, data, DataOptions.Default with { NaValues = [] });

        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(OnnxParity.WorstDifference(predict.Values, onnx.Values, ModelSerializer.Load(model).Preprocessing), Is.LessThanOrEqualTo(1e-5));
    }
}
