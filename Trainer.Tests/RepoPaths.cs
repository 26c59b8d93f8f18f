namespace NeuralNet.Tests;

/// <summary>Paths in the repository, found from the test assembly's folder upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Data(string name) => Path.Combine(Root, "data", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuralNet.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("NeuralNet.sln not found above " + AppContext.BaseDirectory);
    }
}
