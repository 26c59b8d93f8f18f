using System.Text;

namespace NeuralNet.Tests.Data;

/// <summary>A temporary directory for the CSV files a test writes; deleted on dispose.</summary>
public sealed class TempCsv : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("neuralnet-csv-").FullName;

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark, exactly as given (line endings included).</summary>
    public string Write(string name, string text) => WriteBytes(name, new UTF8Encoding(false).GetBytes(text));

    public string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_directory, name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
