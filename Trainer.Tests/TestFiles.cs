namespace NeuralNet.Tests;

/// <summary>The shipped datasets, found from the test binary's directory upwards.</summary>
internal static class TestFiles
{
    private static readonly Lazy<string> DataDirectory = new(() =>
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "data");
            if (File.Exists(Path.Combine(candidate, "iris.csv")))
                return candidate;
        }
        throw new DirectoryNotFoundException("the repository's data/ directory was not found above the test directory");
    });

    public static string Data(string name) => Path.Combine(DataDirectory.Value, name);
}

/// <summary>A fresh directory for one test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "neuralnet-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
