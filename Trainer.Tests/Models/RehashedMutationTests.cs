using System.Text.Json.Nodes;
using NeuralNet.Cli;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>
/// The document hash stops accidental edits, but a script can edit a field and compute the hash again (issue 22): a
/// model whose target names one of its features ended in an internal error in evaluate and --resume. Every field of
/// a saved model is changed in turn, the file re-hashed, and every verb run on it: never exit code 1 or a stack
/// trace; and a model whose parts contradict each other is exit code 2 in every verb.
/// </summary>
[NonParallelizable] // many runs; keeps the machine's other tests quick
public sealed class RehashedMutationTests
{
    private TempFolder _folder = null!;
    private string _saved = null!;

    [OneTimeSetUp]
    public void TrainAModel()
    {
        _folder = new TempFolder();
        _saved = _folder.File("saved.json");
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--hidden", "4", "--save", _saved);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _folder.Dispose();

    /// <summary>Writes <paramref name="json"/> with a matching document_sha256 when it still parses as a model
    /// document (as a script would), else as it is.</summary>
    private string WriteRehashed(JsonNode json, string name = "mutated.json")
    {
        string path = _folder.File(name, json.ToJsonString());
        ModelDocument document;
        try
        {
            document = ModelSerializer.Parse(path, File.ReadAllBytes(path));
        }
        catch (NeuralNet.InputException)
        {
            return path;
        }
        using var file = File.Create(path);
        ModelSerializer.Write(file, document with { DocumentSha256 = ModelSerializer.DocumentSha256(document) });
        return path;
    }

    private CliRun[] EveryVerb(string model) =>
    [
        CliRun.Of("predict", model, RepoPaths.Data("iris.csv")),
        CliRun.Of("evaluate", model, RepoPaths.Data("iris.csv")),
        CliRun.Of("export", model, _folder.File("mutated.onnx"), "--overwrite"),
        CliRun.Of(RepoPaths.Data("iris.csv"), "--resume", model, "--epochs", "1", "--blas", "managed", "--save", _folder.File("resumed.json")),
    ];

    /// <summary>Every leaf of the document but the weights' values (their hash covers them), by path.</summary>
    private static IEnumerable<JsonNode> Leaves(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (name is "parameters" or "document_sha256" or "weights_sha256" or "format" or "format_version" || child is null)
                        continue;
                    foreach (var leaf in Leaves(child))
                        yield return leaf;
                }
                break;
            case JsonArray array:
                yield return array;
                foreach (var child in array.Where(c => c is not null).Take(2))
                {
                    foreach (var leaf in Leaves(child!))
                        yield return leaf;
                }
                break;
            default:
                yield return node;
                break;
        }
    }

    private static IEnumerable<JsonNode?> Replacements(JsonNode leaf) => leaf switch
    {
        JsonArray array => [new JsonArray(), new JsonArray([.. array.Select(c => c?.DeepClone()), .. array.Take(1).Select(c => c?.DeepClone())]), new JsonArray([.. array.Skip(1).Select(c => c?.DeepClone())])],
        JsonValue value when value.TryGetValue<bool>(out bool flag) => [JsonValue.Create(!flag)],
        JsonValue value when value.TryGetValue<string>(out _) => [JsonValue.Create(""), JsonValue.Create("petal_width"), JsonValue.Create("species"), JsonValue.Create("setosa")],
        _ => [JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1e30), JsonValue.Create(0.5), JsonValue.Create(3)],
    };

    [Test]
    public void Every_field_changed_and_rehashed_is_one_line_or_a_result_in_every_verb_never_an_internal_error()
    {
        var original = JsonNode.Parse(File.ReadAllText(_saved))!;
        int leaves = Leaves(original).Count();
        int runs = 0;
        for (int i = 0; i < leaves; i++)
        {
            var probe = JsonNode.Parse(File.ReadAllText(_saved))!;
            var leaf = Leaves(probe).ElementAt(i);
            foreach (var replacement in Replacements(leaf).ToList())
            {
                var json = JsonNode.Parse(File.ReadAllText(_saved))!;
                var target = Leaves(json).ElementAt(i);
                string where = target.GetPath();
                target.ReplaceWith(replacement?.DeepClone());
                string model = WriteRehashed(json);
                foreach (var run in EveryVerb(model))
                {
                    runs++;
                    string what = $"{where} = {replacement?.ToJsonString()}\n{run}";
                    Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.InternalError), what);
                    Assert.That(run.Error, Does.Not.Contain("   at ").And.Not.Contain("internal error"), what);
                    if (run.ExitCode == ExitCodes.BadInput)
                        Assert.That(run.Error.TrimEnd('\n'), Does.Not.Contain('\n'), what);
                }
            }
        }
        Assert.That(runs, Is.GreaterThan(400), "the walk reached the fields");
    }

    [TestCase("target_names", "[\"petal_width\"]", "preprocessing names 'petal_width' both a feature and a target; a column is one of them")]
    [TestCase("dropped", "[{\"name\": \"species\", \"reason\": \"ID-like\"}]", "preprocessing names 'species' both a target and a dropped column; a column is one of them")]
    [TestCase("input_clip", "0.5", "preprocessing.input_clip must be a finite number of standard deviations, at least 1 (it is 0.5)")]
    [TestCase("target_means", "[1.5]", "a classifier has no target_means or target_scales, but preprocessing has 1 and 0")]
    public void A_model_whose_parts_contradict_each_other_is_refused_by_every_verb(string field, string value, string expected)
    {
        var json = JsonNode.Parse(File.ReadAllText(_saved))!;
        json["preprocessing"]![field] = JsonNode.Parse(value);
        string model = WriteRehashed(json, "contradicting.json");

        foreach (var run in EveryVerb(model))
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
            Assert.That(run.Error, Does.EndWith($"{model}: damaged model file: {expected}\n"), run.ToString());
        }
    }

    [Test]
    public void A_feature_without_its_fill_in_a_model_that_fills_is_refused()
    {
        var json = JsonNode.Parse(File.ReadAllText(_saved))!;
        json["preprocessing"]!["features"]![0]!.AsObject().Remove("fill");
        string model = WriteRehashed(json, "nofill.json");

        var run = CliRun.Of("predict", model, RepoPaths.Data("iris.csv"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: {model}: damaged model file: feature 'sepal_length' has no fill value, but the model fills missing values\n"));
    }

    [Test]
    public void A_validation_share_outside_0_to_1_is_refused()
    {
        var json = JsonNode.Parse(File.ReadAllText(_saved))!;
        json["run"]!["validation_split"] = 5;
        string model = WriteRehashed(json, "split.json");

        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--resume", model, "--epochs", "1");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: {model}: damaged model file: run.validation_split must be at least 0 and below 1, not 5\n"));
    }
}
