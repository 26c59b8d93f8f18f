namespace NeuralNet.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected failure: a bug, reported in one line (set NEURALNET_TRACE=1 for the stack trace).</summary>
    public const int InternalError = 1;

    /// <summary>Bad input or usage: the message says what to fix.</summary>
    public const int BadInput = 2;

    /// <summary>The loss became NaN or infinite; the last good model was saved.</summary>
    public const int NonFiniteLoss = 3;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT); the best model so far was saved.</summary>
    public const int Interrupted = 130;
}
