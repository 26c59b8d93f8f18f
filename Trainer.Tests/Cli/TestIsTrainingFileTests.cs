using System.Diagnostics;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>--test naming the training file, by another name too, printed a "test" score that was the training
/// score (issue 22): the same file is refused, whatever it is called.</summary>
public sealed class TestIsTrainingFileTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private string Iris()
    {
        string path = _folder.File("iris.csv");
        File.Copy(RepoPaths.Data("iris.csv"), path);
        return path;
    }

    private void AssertRefused(string data, string test)
    {
        var run = CliRun.Train(data, "--test", test);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: --test {test}: the same file as the training data ({data}); its test figures would be figures on the training rows; give held-out rows in another file\n"));
        });
    }

    [Test]
    public void The_same_path_is_refused()
    {
        string data = Iris();
        AssertRefused(data, data);
    }

    [Test]
    public void Another_spelling_of_the_path_is_refused()
    {
        string data = Iris();
        AssertRefused(data, Path.Combine(_folder.Path, ".", "iris.csv"));
    }

    [Test]
    public void A_symbolic_link_to_it_is_refused()
    {
        string data = Iris();
        string link = _folder.File("link.csv");
        File.CreateSymbolicLink(link, data);
        AssertRefused(data, link);
    }

    [Test]
    public void A_hard_link_to_it_is_refused()
    {
        string data = Iris();
        string link = _folder.File("hard.csv");
        using (var ln = Process.Start("ln", [data, link]))
            ln.WaitForExit();
        Assert.That(File.Exists(link), "ln made the hard link");
        AssertRefused(data, link);
    }

    [Test]
    public void A_copy_is_another_file_and_is_scored()
    {
        string data = Iris();
        string copy = _folder.File("copy.csv");
        File.Copy(data, copy);

        var run = CliRun.Train(data, "--test", copy);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        Assert.That(run.Line("test ("), Does.StartWith($"test ({copy}, 150 rows): "));
    }
}
