namespace NeuralNet.Benchmarks;

/// <summary>A program a benchmark runs (numpy_mlp.py, the trainer) failed; the benchmark stops with one line
/// giving the command, its exit code and the last line it wrote to standard error.</summary>
internal sealed class ChildProcessException(IReadOnlyList<string> command, int exitCode, string error)
    : Exception($"{string.Join(' ', command)} exited {exitCode}: {LastLine(error)}")
{
    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(nothing on standard error)";
}
