using System.Text;
using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

/// <summary>Model files changed after they were saved, or written wrong: each is one line naming the file, exit code 2.</summary>
public class ModelFileDamageTests
{
    private static readonly Preprocessing Prep = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1)).Preprocessing;

    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    /// <summary>A saved iris model (dense:5, relu, dense:3) as a JSON tree to edit.</summary>
    private static JsonNode Saved()
    {
        using var stream = new MemoryStream();
        ModelSerializer.Write(stream, ModelSerializer.ToDocument(Mlp.Build<float>(4, [5], 3, LayerContext<float>.WithChosenGemm(new Random(3))), Prep, null, null));
        return JsonNode.Parse(stream.ToArray())!;
    }

    private string Write(JsonNode json) => _temp.File("m.json", json.ToJsonString());

    /// <summary>Writes <paramref name="json"/> with a document_sha256 that matches it: a file written wrong by its
    /// writer rather than changed afterwards, so the field checks, not the hash, must catch it.</summary>
    private string WriteRehashed(JsonNode json)
    {
        string path = Write(json);
        var document = ModelSerializer.Parse(path, File.ReadAllBytes(path));
        using (var file = File.Create(path))
            ModelSerializer.Write(file, document with { DocumentSha256 = ModelSerializer.DocumentSha256(document) });
        return path;
    }

    private static string LoadError(string path) => Assert.Throws<InputException>(() => ModelSerializer.Load(path))!.Message;

    private const string Changed = "damaged model file: its content does not match document_sha256 (the file was changed after it was saved)";

    [Test]
    public void AChangedFeatureMeanIsDamage()
    {
        var json = Saved();
        json["preprocessing"]!["features"]![0]!["mean"] = 5.0;
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: {Changed}"));
    }

    [Test]
    public void SwappedClassNamesAreDamage()
    {
        var json = Saved();
        var names = json["preprocessing"]!["class_names"]!.AsArray();
        string first = (string)names[0]!;
        names[0] = (string)names[1]!;
        names[1] = first;
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: {Changed}"));
    }

    [Test]
    public void AnActivationTurnedIntoAnotherIsDamage()
    {
        var json = Saved();
        json["architecture"]![1]!["spec"] = "leaky_relu:0.9";
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: {Changed}"));
    }

    [Test]
    public void ADeletedLayerIsDamage()
    {
        var json = Saved();
        json["architecture"]!.AsArray().RemoveAt(1);
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: {Changed}"));
    }

    [TestCase(2)]
    [TestCase(1)]
    public void ADowngradedFormatVersionStillChecksTheDocumentHash(int version)
    {
        var json = Saved();
        json["preprocessing"]!["features"]![0]!["mean"] = 5.0;
        json["format_version"] = version;
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: {Changed}"));
    }

    [Test]
    public void ADowngradedFileWithARunRecordButNoHashIsDamage()
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", model).ExitCode, Is.Zero);
        var json = JsonNode.Parse(File.ReadAllText(model))!;
        Assert.That(json["run"], Is.Not.Null, "format 3 writes a run record");
        json["format_version"] = 2;
        json.AsObject().Remove("document_sha256");
        string path = Write(json);

        var result = CliRun.Of("evaluate", path, RepoPaths.Data("iris.csv"));

        Assert.That(result.Error, Is.EqualTo($"error: {path}: damaged model file: document_sha256 is missing" + Environment.NewLine));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void ADuplicateKeyIsDamage()
    {
        string text = Saved().ToJsonString();
        string path = _temp.File("m.json", text.Replace("\"format_version\":3,", "\"format_version\":3,\"format_version\":2,", StringComparison.Ordinal));
        Assert.That(File.ReadAllText(path), Does.Contain("\"format_version\":2"));

        var result = CliRun.Of("evaluate", path, RepoPaths.Data("iris.csv"));

        Assert.That(result.Error, Is.EqualTo($"error: {path}: damaged model file: the key 'format_version' appears twice" + Environment.NewLine));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void AFilePaddedWithWhitespaceIsRefusedBeforeItIsReadWhole()
    {
        // A valid model with 8 MB of spaces inside it: JSON allows them, but no model file is mostly whitespace.
        string text = Saved().ToJsonString();
        string path = _temp.File("padded.json", text[..1] + new string(' ', 8 << 20) + text[1..]);
        long length = new FileInfo(path).Length;
        long content = text.Count(c => c is not (' ' or '\n' or '\r' or '\t'));

        Assert.That(LoadError(path), Is.EqualTo(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{path}: not a model file: it is {length:N0} bytes, of which only {content:N0} are not whitespace; a model file is mostly numbers (at most 7 bytes of whitespace per other byte)")));
    }

    [Test]
    public void ALargeIndentedModelIsNotMistakenForPadding()
    {
        // Written by the trainer itself (indented, one number a line), over the size the padding check starts at.
        var network = Mlp.Build<float>(4, [400, 400], 3, LayerContext<float>.WithChosenGemm(new Random(3)));
        string path = _temp.File("large.json");
        ModelSerializer.Save(path, ModelSerializer.ToDocument(network, Prep, null, null));
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(1 << 20));

        Assert.That(ModelSerializer.Load(path).Network.Spec, Is.EqualTo("dense:400,relu,dense:400,relu,dense:3"));
    }

    [TestCase("architecture[0].inputs", "\"abc\"", "'architecture[0].inputs' has the wrong type; expected an integer")]
    [TestCase("weights_sha256", "null", "'weights_sha256' is null; expected a value")]
    [TestCase("preprocessing.task", "5", "'preprocessing.task' has the wrong type; expected \"classification\" or \"regression\"")]
    [TestCase("preprocessing.features[0].mean", "\"x\"", "'preprocessing.features[0].mean' has the wrong type; expected a number")]
    [TestCase("preprocessing", null, "a required key is missing: 'preprocessing'")]
    public void AWrongFieldIsNamedInPlainWords(string field, string? value, string expected)
    {
        var json = Saved();
        var parts = field.Replace("]", "", StringComparison.Ordinal).Split('.', '[');
        JsonNode parent = json;
        foreach (string part in parts[..^1])
            parent = int.TryParse(part, out int i) ? parent[i]! : parent[part]!;
        if (value is null)
            parent.AsObject().Remove(parts[^1]);
        else
            parent[parts[^1]] = JsonNode.Parse(value);
        string path = Write(json);

        var result = CliRun.Of("evaluate", path, RepoPaths.Data("iris.csv"));

        Assert.That(result.Error, Is.EqualTo($"error: {path}:1: damaged model file: {expected}{Environment.NewLine}"));
        Assert.That(result.Error, Does.Not.Contain("System.").And.Not.Contain("nullability").And.Not.Contain("NeuralNet."));
        Assert.That(result.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void AZeroScaleIsNamed()
    {
        var json = Saved();
        json["preprocessing"]!["features"]![2]!["scale"] = 0;
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo(
            $"{path}: damaged model file: feature '{Prep.FeatureNames[2]}': its mean must be finite and its scale finite and at least 1.17549435E-38 (mean {Prep.Features[2].Mean}, scale 0)"));
    }

    [Test]
    public void AByteOrderMarkIsAccepted()
    {
        string path = _temp.File("bom.json");
        File.WriteAllText(path, Saved().ToJsonString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.That(File.ReadAllBytes(path)[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));

        Assert.That(ModelSerializer.Load(path).Network.Spec, Is.EqualTo("dense:5,relu,dense:3"));
    }

    [Test]
    public void DuplicateClassNamesAreNamed()
    {
        var json = Saved();
        json["preprocessing"]!["class_names"]![1] = Prep.ClassNames[0];
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: damaged model file: preprocessing.class_names names class '{Prep.ClassNames[0]}' twice"));
    }

    [Test]
    public void DuplicateFeatureNamesAreNamed()
    {
        var json = Saved();
        json["preprocessing"]!["features"]![1]!["name"] = Prep.FeatureNames[0];
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: damaged model file: preprocessing.features names feature '{Prep.FeatureNames[0]}' twice"));
    }

    [Test]
    public void EmptyTargetNamesAreNamed()
    {
        var json = Saved();
        json["preprocessing"]!["target_names"] = new JsonArray();
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: damaged model file: preprocessing.target_names is empty"));
    }

    [Test]
    public void AFormatVersionWrittenAsAStringIsNamed()
    {
        var json = Saved();
        json["format_version"] = "2";
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: damaged model file: format_version must be an integer, not \"2\""));
    }

    [Test]
    public void AnInputSizeThatDoesNotMatchIsNamedBeforeAnythingIsAllocated()
    {
        var json = Saved();
        json["architecture"]![0]!["inputs"] = int.MaxValue;
        string path = WriteRehashed(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: damaged model file: layer 0 (dense:5): it takes 2147483647 inputs but the preprocessing encodes 4"));
    }

    [Test]
    public void AWidthLargerThanTheFileIsRefusedBeforeItIsAllocated()
    {
        var json = Saved();
        json["architecture"]![0]!["spec"] = "dense:100000000";
        string path = WriteRehashed(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: damaged model file: layer 0 (dense:100000000): a size of 100000000 is more than the 43 parameter values the file holds"));
    }

    [Test]
    public void AParameterOfTheWrongSizeIsNamed()
    {
        var json = Saved();
        json["architecture"]![2]!["parameters"]!["bias"]!.AsArray().RemoveAt(0);
        string path = WriteRehashed(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: damaged model file: layer 2 (dense:3): parameter 'bias' has 2 values; expected 3"));
    }

    [Test]
    public void AMissingDocumentHashIsDamage()
    {
        var json = Saved();
        json.AsObject().Remove("document_sha256");
        string path = Write(json);
        Assert.That(LoadError(path), Is.EqualTo($"{path}: damaged model file: document_sha256 is missing"));
    }

    [Test]
    public void ADeviceIsRefusedBeforeItIsReadWhole()
    {
        Assume.That(File.Exists("/dev/zero"), "needs /dev/zero");
        Assert.That(LoadError("/dev/zero"), Is.EqualTo("/dev/zero: not a model file: it is not a regular file (it reads on past its size)"));
    }

    [Test]
    public void EvaluateOnADeviceIsExitCode2AndOneLine()
    {
        Assume.That(File.Exists("/dev/zero"), "needs /dev/zero");
        var result = CliRun.Of("evaluate", "/dev/zero", RepoPaths.Data("iris.csv"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo("error: /dev/zero: not a model file: it is not a regular file (it reads on past its size)" + Environment.NewLine));
    }

    [Test]
    public void EvaluateOnAChangedFileIsExitCode2()
    {
        var json = Saved();
        json["preprocessing"]!["features"]![0]!["mean"] = 5.0;
        string path = Write(json);
        var result = CliRun.Of("evaluate", path, RepoPaths.Data("iris.csv"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Is.EqualTo($"error: {path}: {Changed}" + Environment.NewLine));
    }

    [Test]
    public void AFormatTwoFileStillLoads()
    {
        // Format 2 had no document hash and kept the command line's options under "training"; those are not read.
        var json = Saved();
        json["format_version"] = 2;
        json.AsObject().Remove("document_sha256");
        json["training"] = JsonNode.Parse("""{"data_path":"iris.csv","hidden":[5],"layers":null,"lr_schedule":"constant","patience":3}""");
        string path = Write(json);

        var loaded = ModelSerializer.Load(path);

        Assert.That(loaded.Network.Spec, Is.EqualTo("dense:5,relu,dense:3"));
        Assert.That(loaded.Run, Is.Null);
    }
}
