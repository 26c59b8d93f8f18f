using System.Text.RegularExpressions;
using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
public sealed partial record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => Of(new StringWriter(), default, args);

    /// <param name="output">Standard output; a test may pass a writer that reacts to what is printed.</param>
    /// <param name="interrupt">The token Ctrl+C cancels (see <see cref="InterruptSignal"/>).</param>
    public static CliRun Of(StringWriter output, CancellationToken interrupt, params string[] args)
    {
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error, interrupt);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Trains with the managed matrix products (no native library needed), a small model and one epoch unless the arguments say otherwise; the model goes to a temporary file that is
    /// deleted afterwards.</summary>
    public static CliRun Train(params string[] args)
    {
        string[] defaults = ["--blas", "managed", "--seed", "1"];
        if (!args.Contains("--hidden") && !args.Contains("--layers"))
            defaults = [.. defaults, "--hidden", "8"];
        if (!args.Contains("--epochs"))
            defaults = [.. defaults, "--epochs", "1"];

        string model = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"neuralnet-test-{Guid.NewGuid():N}.model.json");
        if (!args.Contains("--save"))
            defaults = [.. defaults, "--save", model];
        try
        {
            return Of([.. args, .. defaults]);
        }
        finally
        {
            File.Delete(model);
        }
    }

    /// <summary>The line of the output that starts with <paramref name="prefix"/>.</summary>
    public string Line(string prefix) => Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new AssertionException($"no line starting with '{prefix}' in:\n{Output}\n{Error}");

    /// <summary>The rows of the per-epoch table, e.g. "  2/150      0.5514      0.4646 …".</summary>
    public string[] EpochRows => [.. Output.Split('\n').Where(line => EpochRow().IsMatch(line))];

    /// <summary>Whether <paramref name="line"/> is the table row of <paramref name="epoch"/>.</summary>
    public static bool IsEpochRow(string line, int epoch) => EpochRow().Match(line) is { Success: true } m && m.Groups[1].Value == $"{epoch}";

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";

    [GeneratedRegex(@"^ *(\d+)/\d+ ")]
    private static partial Regex EpochRow();
}

/// <summary>A temporary folder for a test's files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("neuralnet-test-").FullName;

    public string File(string name, string? content = null)
    {
        string path = System.IO.Path.Combine(Path, name);
        if (content is not null)
            System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
