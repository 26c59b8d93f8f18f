using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>Runs the command line in-process, as Program does, capturing both streams.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args) => Run(default, args);

    public static CliResult Run(CancellationToken interrupt, params string[] args) => Run(new StringWriter(), interrupt, args);

    /// <param name="output">Standard output; a test may pass a writer that reacts to what is printed.</param>
    public static CliResult Run(StringWriter output, CancellationToken interrupt, params string[] args)
    {
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error, interrupt);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
