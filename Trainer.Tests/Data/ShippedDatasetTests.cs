using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>Every CSV file shipped in data/ still trains through the command line.</summary>
public sealed class ShippedDatasetTests
{
    private static IEnumerable<string> Datasets() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "data"), "*.csv").Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(Datasets))]
    public void Trains_for_two_epochs(string file)
    {
        var run = CliRun.Train(Path.Combine(RepositoryRoot(), "data", file), "--epochs", "2");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error);
            Assert.That(run.Output, Does.Contain(" 2/2 "), "the second epoch's row");
        });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "data")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("no data/ above the test directory");
    }
}
