using NeuralNet.Training;
using Spectre.Console;

namespace NeuralNet.Cli;

/// <summary>
/// Where the per-epoch lines go. On an interactive terminal a Spectre.Console progress bar also shows the current
/// epoch's progress below them; anywhere else (a pipe, a log file, a test's writer) only the plain lines are written,
/// one per epoch, never a bar redraw.
/// </summary>
internal static class EpochProgress
{
    /// <summary>True only for the real console's output when it is not redirected.</summary>
    public static bool IsInteractive(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="train"/>, giving it the function that prints an epoch's line: (the epoch that
    /// ended, its line).</summary>
    public static T Run<T>(TextWriter output, TrainingLoop loop, int epochs, Func<Action<int, string>, T> train)
    {
        if (!IsInteractive(output))
            return train((_, line) => output.WriteLine(line));

        var console = AnsiConsole.Create(Settings(Environment.GetEnvironmentVariable));
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var bar = new EpochBar(context.AddTask(EpochBar.Describe(1, epochs), autoStart: true, maxValue: 1), epochs);
                // Called by the loop at most every TrainingLoop.ProgressInterval, so the bar costs nothing per step.
                loop.Progress = bar.OnProgress;
                try
                {
                    return train((ended, line) =>
                    {
                        console.WriteLine(line);
                        bar.OnEpochEnd(ended);
                    });
                }
                finally
                {
                    loop.Progress = null;
                }
            });
    }

    /// <summary>The console's settings: no colours when NO_COLOR is set to anything non-empty (no-color.org).</summary>
    public static AnsiConsoleSettings Settings(Func<string, string?> environment) => new()
    {
        Out = new AnsiConsoleOutput(Console.Out),
        ColorSystem = string.IsNullOrEmpty(environment("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
    };
}
