using NeuralNet.Cli;

namespace NeuralNet.Tests.Data;

/// <summary>The trainer's command line run in-process, with what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs with the managed matrix products (no native library needed) and one small epoch unless the
    /// arguments say otherwise.</summary>
    public static CliRun Train(params string[] args)
    {
        string[] defaults = ["--blas", "managed", "--hidden", "8", "--seed", "1"];
        if (!args.Contains("--epochs"))
            defaults = [.. defaults, "--epochs", "1"];
        // Training saves a model by default; these runs put it in a temporary file and delete it.
        string model = Path.Combine(Path.GetTempPath(), $"neuralnet-csv-{Guid.NewGuid():N}.model.json");
        if (!args.Contains("--save"))
            defaults = [.. defaults, "--save", model];
        var output = new StringWriter();
        var error = new StringWriter();
        try
        {
            int exit = CommandLine.Run([.. args, .. defaults], output, error);
            return new CliRun(exit, output.ToString(), error.ToString());
        }
        finally
        {
            File.Delete(model);
        }
    }

    /// <summary>The line of the output that starts with <paramref name="prefix"/>.</summary>
    public string Line(string prefix) => Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new AssertionException($"no line starting with '{prefix}' in:\n{Output}\n{Error}");
}
