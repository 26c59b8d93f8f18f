namespace NeuralNet.Cli;

/// <summary>Each exit code means one thing; the README's "Exit codes" section and --help list them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A bug in the trainer, reported in one line that asks for a report (NEURALNET_TRACE=1 prints the
    /// stack trace). Nothing the user does on purpose should end here.</summary>
    public const int InternalError = 1;

    /// <summary>The user's input: a bad option, file, model file or output path; one line says what to fix.</summary>
    public const int BadInput = 2;

    /// <summary>Training diverged: the loss became NaN or infinite; the last good model was saved.</summary>
    public const int NonFiniteLoss = 3;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT); the best model so far was saved. SIGTERM gives 143 and SIGHUP
    /// 129 (<see cref="InterruptSignal"/>).</summary>
    public const int Interrupted = 130;

    /// <summary>The exit codes in one sentence, for --help.</summary>
    public const string Summary = "Exit codes: 0 done; 2 bad input (an option, a file, a model file or an output path; one line says what); "
        + "3 training diverged (NaN or infinite loss; the last good model is saved); 130, 143, 129 stopped by Ctrl+C, SIGTERM, SIGHUP "
        + "(training saves the best model first); 1 a bug in the trainer (please report it).";
}
