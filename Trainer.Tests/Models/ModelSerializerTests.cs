using System.Text.Json.Nodes;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Models;
using NeuralNet.Reporting;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Models;

public class ModelSerializerTests
{
    // Fitted on a real file rather than constructed, so that the test follows the record as it gains properties.
    private static readonly Preprocessing Prep = PreparedData.Load(RepoPaths.Data("iris.csv"), null, null, 0.2, new Random(1)).Preprocessing;

    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    private static Sequential<float> Network(int seed) => Mlp.Build(4, [5], 3, LayerContext<float>.WithChosenGemm(new Random(seed)));

    /// <summary>Saves <paramref name="network"/> to a fresh file of the test's directory and returns its path.</summary>
    private string Save(Sequential<float> network)
    {
        string path = _temp.File("m.json");
        ModelSerializer.Save(path, ModelSerializer.ToDocument(network, Prep, null, null));
        return path;
    }

    [Test]
    public void WeightsRoundTripBitForBit()
    {
        var network = Network(1);
        // Values whose shortest decimal form is long, tiny or at the edges of float.
        float[] awkward = [1f / 3, float.Epsilon, -float.Epsilon * 7, float.MaxValue, float.MinValue, 1e-38f, -0f, 0.1f, 16777217f, MathF.PI];
        awkward.CopyTo(network.Parameters[0].Values, 0);

        var loaded = ModelSerializer.Load(Save(network));

        var expected = network.Parameters.SelectMany(p => p.Values).Select(BitConverter.SingleToInt32Bits).ToArray();
        var actual = loaded.Network.Parameters.SelectMany(p => p.Values).Select(BitConverter.SingleToInt32Bits).ToArray();
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(loaded.WeightsSha256, Is.EqualTo(WeightsHash.Sha256(network.Parameters)));
    }

    [Test]
    public void PreprocessingIsSavedWhole()
    {
        string path = Save(Network(2));

        var loaded = ModelSerializer.Load(path).Preprocessing;

        // Every public property, whatever properties the record gains later.
        foreach (var property in typeof(Preprocessing).GetProperties())
            Assert.That(property.GetValue(loaded), Is.EqualTo(property.GetValue(Prep)), property.Name);
    }

    [Test]
    public void SavingALoadedModelReproducesTheFileByteForByte()
    {
        var training = new TrainingRecord("iris.csv", null, "dense:5,relu,dense:3", 0.2, "sgd", new NeuralNet.Optimizers.OptimizerSettings(0.01, 0.9),
            new NeuralNet.Training.LearningRateScheduleSettings(), 150, 32, 0, 3, NeuralNet.Data.DataOptions.Default, null);
        var metrics = new ModelMetrics("accuracy", 7, new RunScore(0.25, 0.9), null);
        string path = _temp.File("m.json");
        ModelSerializer.Save(path, ModelSerializer.ToDocument(Network(7), Prep, training, metrics));

        var loaded = ModelSerializer.Load(path);
        using var again = new MemoryStream();
        ModelSerializer.Write(again, ModelSerializer.ToDocument(loaded.Network, loaded.Preprocessing, loaded.Run, loaded.Metrics));

        Assert.That(again.ToArray(), Is.EqualTo(File.ReadAllBytes(path)));
        Assert.That(loaded.Metrics, Is.EqualTo(metrics));
        Assert.That(loaded.Run!.Patience, Is.EqualTo(3));
        Assert.That(loaded.Run.Layers, Is.EqualTo("dense:5,relu,dense:3"));
    }

    [Test]
    public void ACrashMidSaveLeavesThePreviousFileLoadable()
    {
        var old = Network(3);
        string path = Save(old);
        var document = ModelSerializer.ToDocument(Network(4), Prep, null, null);

        // The same atomic write Save uses, with the process "killed" after 200 bytes of the new file.
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream => ModelSerializer.Write(new CrashingStream(stream, 200), document)));

        Assert.That(ModelSerializer.Load(path).WeightsSha256, Is.EqualTo(WeightsHash.Sha256(old.Parameters)));
        Assert.That(Directory.GetFiles(_temp.Path), Is.EqualTo(new[] { path }), "the temporary file is cleaned up");
    }

    [Test]
    public void ATornFileIsReportedAsDamaged()
    {
        string path = _temp.File("m.json");
        using (var file = File.Create(path))
            Assert.Throws<IOException>(() => ModelSerializer.Write(new CrashingStream(file, 300), ModelSerializer.ToDocument(Network(5), Prep, null, null)));

        var e = Assert.Throws<InputException>(() => ModelSerializer.Load(path));
        Assert.That(e!.Message, Does.StartWith(path).And.Contain("damaged model file"));
    }

    [TestCase("{\"name\": \"something else\"}", "not a NeuralNet model file")]
    [TestCase("[1, 2, 3]", "not a NeuralNet model file")]
    [TestCase("sepal_length,species\n1,a\n", "not a NeuralNet model file: it is not JSON")]
    [TestCase("", "not a model file: it is empty")]
    [TestCase(" \n", "not a model file: it is empty (only whitespace)")]
    [TestCase("{\"format\": \"neuralnet-model\", \"format_version\": 99}", "format_version 99 is not supported")]
    [TestCase("{\"format\": \"neuralnet-model\", \"format_version\": 1}", "damaged model file")]
    public void AForeignOrFutureFileGivesOneClearError(string content, string expected)
    {
        string path = _temp.File("m.json");
        File.WriteAllText(path, content);

        var e = Assert.Throws<InputException>(() => ModelSerializer.Load(path));

        Assert.That(e!.Message, Does.StartWith(path).And.Contain(expected).And.Not.Contain("\n"));
    }

    [TestCase(3, "does not match document_sha256")]
    [TestCase(2, "the weights do not match weights_sha256")] // format 2 had only the weights hash
    public void ChangedWeightsAreCaughtByTheHash(int version, string expected)
    {
        var network = Network(6);
        string path = Save(network);
        string first = network.Parameters[0].Values[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        string text = File.ReadAllText(path);
        if (version == 2)
            text = AsFormatTwo(text);
        int at = text.IndexOf(first, StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + "0.25" + text[(at + first.Length)..]);

        var e = Assert.Throws<InputException>(() => ModelSerializer.Load(path));

        Assert.That(e!.Message, Is.EqualTo($"{path}: damaged model file: " + (version == 2 ? expected : "its content does not match document_sha256 (the file was changed after it was saved)")));
    }

    // Format 2 is format 3 without the document hash.
    private static string AsFormatTwo(string text)
    {
        var json = JsonNode.Parse(text)!;
        json["format_version"] = 2;
        json.AsObject().Remove("document_sha256");
        return json.ToJsonString();
    }

    [Test]
    public void AFormatOneFileStillLoads()
    {
        // Format 1 wrote {"type":"dense","inputs":4,"outputs":5,…} and {"type":"relu","size":5} instead of specs.
        var network = Network(8);
        var json = JsonNode.Parse(File.ReadAllText(Save(network)))!;
        json["format_version"] = 1;
        json.AsObject().Remove("document_sha256"); // format 1 had no document hash and no run record
        json.AsObject().Remove("run");
        foreach (var layer in json["architecture"]!.AsArray())
        {
            string spec = (string)layer!["spec"]!;
            int inputs = (int)layer["inputs"]!;
            layer.AsObject().Remove("spec");
            if (spec == "relu")
            {
                layer.AsObject().Remove("inputs");
                layer["type"] = "relu";
                layer["size"] = inputs;
            }
            else
            {
                layer["type"] = "dense";
                layer["outputs"] = int.Parse(spec["dense:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        string path = _temp.File("v1.json", json.ToJsonString());

        var loaded = ModelSerializer.Load(path);

        Assert.That(loaded.Network.Spec, Is.EqualTo("dense:5,relu,dense:3"));
        Assert.That(loaded.WeightsSha256, Is.EqualTo(WeightsHash.Sha256(network.Parameters)));
    }

    [Test]
    public void AnUnknownLayerIsNamed()
    {
        string path = Save(Network(9));
        // A file from a build that knows more layers: its hash is intact (format 2 here, which has none to break).
        File.WriteAllText(path, AsFormatTwo(File.ReadAllText(path).Replace("\"spec\": \"relu\"", "\"spec\": \"swoosh\"", StringComparison.Ordinal)));

        var e = Assert.Throws<InputException>(() => ModelSerializer.Load(path));

        Assert.That(e!.Message, Does.StartWith(path).And.Contain("unknown layer 'swoosh'").And.Contain("layer 1"));
    }

    [Test]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<InputException>(() => ModelSerializer.Load("no-such-model.json"));
        Assert.That(e!.Message, Is.EqualTo("no-such-model.json: file not found"));
    }

    /// <summary>Passes writes through until <paramref name="limit"/> bytes, then fails as a killed process would stop.</summary>
    private sealed class CrashingStream(Stream inner, int limit) : Stream
    {
        private int _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int room = Math.Min(buffer.Length, limit - _written);
            inner.Write(buffer[..room]);
            _written += room;
            if (room < buffer.Length)
                throw new IOException("simulated crash mid-save");
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
