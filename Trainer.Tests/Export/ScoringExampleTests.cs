using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using NeuralNet.Scoring;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary>The scoring example the docs quote: it compiles (it is in this project), it gives predict's answer, and
/// the docs' code blocks are the file's lines.</summary>
public class ScoringExampleTests
{
    [Test]
    public void ScoringOneRowFromADictionaryGivesPredictsClassAndProbabilities()
    {
        using var temp = new TempFolder();
        string model = temp.File("passengers.model.json");
        var train = CliRun.Of(temp.File("passengers.csv", TabularFiles.Passengers(300, seed: 9)), "--missing", "median", "--epochs", "8", "--save", model);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        string onnx = temp.File("passengers.onnx");
        Assert.That(CliRun.Of("export", model, onnx).ExitCode, Is.Zero);
        // The example's passenger as a CSV row for predict.
        string row = temp.File("row.csv", "PassengerId,Pclass,Sex,Age,SibSp,Fare,Embarked,Cabin\n1,3,male,,0,7.25,S,\n");
        string predictions = temp.File("p.csv");
        Assert.That(CliRun.Of("predict", model, row, "--out", predictions).ExitCode, Is.Zero);
        var expected = OnnxParity.ReadPredictions(predictions, NeuralNet.Models.ModelSerializer.Load(model).Preprocessing);

        using var session = new InferenceSession(onnx);
        var (label, probabilities) = OnnxScoring.ScoreOne(session, new Dictionary<string, object?>
        {
            ["Pclass"] = 3, ["Sex"] = "male", ["Age"] = null, ["SibSp"] = 0, ["Fare"] = 7.25, ["Embarked"] = "S", ["Cabin"] = null,
        });

        Assert.That(label, Is.EqualTo(expected.Labels!.Single()));
        Assert.That(probabilities, Is.EqualTo(expected.Values).Within(1e-5));
        var console = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(console);
        try
        {
            OnnxScoring.Example(onnx);
        }
        finally
        {
            Console.SetOut(previous);
        }
        Assert.That(console.ToString(), Is.EqualTo($"{label} ({string.Join(", ", probabilities.Select(p => p.ToString("0.000", CultureInfo.InvariantCulture)))})\n"));
    }

    [Test]
    public void TextIsPassedAsTheTrainerReadsItSoACategoryWithANoBreakOrIdeographicSpaceIsKnown()
    {
        using var temp = new TempFolder();
        var random = new Random(14);
        string[] towns = ["Zürich\u00a0", "plain", "\u3000wide"];
        var rows = Enumerable.Range(0, 200).Select(_ => (T: towns[random.Next(3)], X: random.NextDouble() - 0.5))
            .Select(r => FormattableString.Invariant($"{r.T},{r.X:0.###},{((r.T == "plain") ^ (r.X > 0) ? "A" : "B")}"));
        string model = temp.File("towns.model.json");
        var train = CliRun.Of(temp.File("towns.csv", "t,x,y\n" + string.Join("\n", rows) + "\n"), "--epochs", "20", "--save", model);
        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        string onnx = temp.File("towns.onnx");
        Assert.That(CliRun.Of("export", model, onnx).ExitCode, Is.Zero);
        // The categories as the trainer read them, written back as the rows predict scores and passed to the example.
        var categories = NeuralNet.Models.ModelSerializer.Load(model).Preprocessing.Features.Single(f => f.Name == "t").Categories;
        Assert.That(categories, Has.Length.EqualTo(3));
        string scoring = temp.File("score.csv", "t,x\n" + string.Join("\n", categories.Select(c => c + ",0.25")) + "\n");
        string predictions = temp.File("p.csv");
        Assert.That(CliRun.Of("predict", model, scoring, "--out", predictions).ExitCode, Is.Zero);
        var expected = OnnxParity.ReadPredictions(predictions, NeuralNet.Models.ModelSerializer.Load(model).Preprocessing);
        using var session = new InferenceSession(onnx);

        for (int i = 0; i < categories.Length; i++)
        {
            var (label, probabilities) = OnnxScoring.ScoreOne(session, new Dictionary<string, object?> { ["t"] = categories[i], ["x"] = 0.25 });

            Assert.That(label, Is.EqualTo(expected.Labels![i]), categories[i]);
            Assert.That(probabilities, Is.EqualTo(expected.Values.Skip(2 * i).Take(2)).Within(1e-5), categories[i]);
        }
    }

    [TestCase("docs/scoring-with-onnx.md")]
    public void TheDocsQuoteTheExampleAsItIs(string doc)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Trainer.Tests", "Export", "ScoringExample.cs"));
        string example = string.Join("\n", lines.SkipWhile(l => l != "// <scoring>").Skip(1).TakeWhile(l => l != "// </scoring>"));

        string text = File.ReadAllText(Path.Combine(RepoPaths.Root, doc)).ReplaceLineEndings("\n");

        Assert.That(text, Does.Contain("```csharp\n" + example + "\n```\n"), $"{doc} must quote Trainer.Tests/Export/ScoringExample.cs between its markers");
    }
}
