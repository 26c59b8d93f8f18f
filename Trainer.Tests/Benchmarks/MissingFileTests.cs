using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Benchmarks;

/// <summary>A benchmark run on a repository whose ../shared folder (the reference programs) or datasets are missing
/// stops before any work with one line naming the first missing file and how to get it, and exit code 2: no stack
/// trace. The repository is a temporary folder <c>repo</c> with no <c>shared</c> beside it.</summary>
public sealed class MissingFileTests
{
    private TempFolder _temp = null!;
    private string _root = null!;

    [SetUp]
    public void CreateRepository()
    {
        _temp = new TempFolder();
        _root = Directory.CreateDirectory(Path.Combine(_temp.Path, "repo")).FullName;
    }

    [TearDown]
    public void DeleteRepository() => _temp.Dispose();

    [Test]
    public void FashionWithoutItsDataNamesTheTrainingFile()
    {
        var (code, output, error) = Run("fashion", "1", "1");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo($"error: fashion needs {_root}/data/fashion-mnist/fashion-mnist_train.csv, which is missing; make it: bash ../shared/datasets/fashion-mnist.sh data/fashion-mnist\n"));
    }

    [Test]
    public void FashionWithItsDataButNoSharedFolderNamesTheNumpyReference()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data", "fashion-mnist"));
        File.WriteAllText(Path.Combine(_root, "data", "fashion-mnist", "fashion-mnist_train.csv"), "label,p1\n1,0\n");
        File.WriteAllText(Path.Combine(_root, "data", "fashion-mnist", "fashion-mnist_test.csv"), "label,p1\n1,0\n");
        Directory.CreateDirectory(Path.Combine(_root, "Trainer", "bin", "Release", "net10.0"));
        File.WriteAllText(Path.Combine(_root, "Trainer", "bin", "Release", "net10.0", "Trainer.dll"), "");

        var (code, output, error) = Run("fashion", "1", "1");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo($"error: fashion needs {_temp.Path}/shared/reference/numpy_mlp.py, which is missing; it is in the project's shared folder, beside the repository (../shared)\n"));
    }

    [Test]
    public void ReluWithoutTheSharedFolderNamesItsNumpyReferenceBeforeBenchmarking()
    {
        var (code, _, error) = Run("relu");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith($"error: relu needs {_temp.Path}/shared/reference/relu_numpy.py, which is missing;").And.Not.Contain("\n   at "));
        Assert.That(error.TrimEnd('\n'), Does.Not.Contain("\n"));
    }

    [Test]
    public void LoadOfAMissingFileNamesIt()
    {
        var (code, _, error) = Run("load", Path.Combine(_root, "nowhere.csv"), "1");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"error: load needs {_root}/nowhere.csv, which is missing; no such file\n"));
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NeuralNet.Benchmarks.Program.Run(args, output, error, _root);
        return (code, output.ToString(), error.ToString());
    }
}
