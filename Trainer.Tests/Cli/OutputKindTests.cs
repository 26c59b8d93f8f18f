using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>`export MODEL data.csv` replaced the user's CSV with an ONNX file (issue 22): an output never replaces a
/// file of another kind without --overwrite; one of its own kind is replaced as before.</summary>
public sealed class OutputKindTests
{
    private TempFolder _folder = null!;
    private string _model = null!;

    [OneTimeSetUp]
    public void TrainAModel()
    {
        _folder = new TempFolder();
        _model = _folder.File("m.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", _model).ExitCode, Is.Zero);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _folder.Dispose();

    private string Copy(string name, string source)
    {
        string path = _folder.File(name);
        File.Copy(source, path, overwrite: true);
        return path;
    }

    [Test]
    public void Export_over_a_csv_is_refused_and_the_csv_kept()
    {
        string data = Copy("data.csv", RepoPaths.Data("iris.csv"));

        var run = CliRun.Of("export", _model, data);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: MODEL.onnx {data}: this is a text (CSV) file, which an ONNX file would replace; write the output elsewhere, or pass --overwrite to replace it\n"));
        Assert.That(File.ReadAllBytes(data), Is.EqualTo(File.ReadAllBytes(RepoPaths.Data("iris.csv"))));
    }

    [Test]
    public void Export_over_a_csv_with_overwrite_replaces_it()
    {
        string data = Copy("replaced.csv", RepoPaths.Data("iris.csv"));

        var run = CliRun.Of("export", _model, data, "--overwrite");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(File.ReadAllBytes(data)[0], Is.EqualTo(0x08), "an ONNX file now");
    }

    [Test]
    public void Export_over_an_onnx_file_replaces_it_as_before()
    {
        string onnx = _folder.File("m.onnx");
        Assert.That(CliRun.Of("export", _model, onnx).ExitCode, Is.Zero);

        var again = CliRun.Of("export", _model, onnx);

        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }

    [TestCase("-")]
    [TestCase("/dev/stdout")]
    public void Export_to_standard_output_is_refused(string path)
    {
        var run = CliRun.Of("export", _model, path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(run.Error, Is.EqualTo($"error: MODEL.onnx {path}: an ONNX graph is binary and is written to a file; name one, such as model.onnx\n"));
        Assert.That(File.Exists("-"), Is.False);
    }

    [Test]
    public void Save_over_a_csv_and_predict_out_over_a_model_are_refused()
    {
        string data = Copy("train.csv", RepoPaths.Data("iris.csv"));
        string other = Copy("other.json", _model);

        var save = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", data);
        var predict = CliRun.Of("predict", _model, RepoPaths.Data("iris.csv"), "--out", other);

        Assert.That(save.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(save.Error, Is.EqualTo($"error: --save {data}: this is a text (CSV) file, which a model file would replace; write the output elsewhere, or pass --overwrite to replace it\n"));
        Assert.That(predict.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(predict.Error, Is.EqualTo($"error: --out {other}: this is a model file, which a text (CSV) file would replace; write the output elsewhere, or pass --overwrite to replace it\n"));
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", other).ExitCode, Is.Zero, "a model over a model, as before");
    }
}
