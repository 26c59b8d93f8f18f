namespace NeuralNet.Cli;

/// <summary>
/// Ctrl+C for a training run: the first press cancels <see cref="Token"/>, which the training loop checks between
/// batches (it then saves the best model and exits with 130); the second press exits at once.
/// </summary>
public sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _error;
    private readonly Action<int> _exit;
    private int _presses;

    /// <param name="exit">What a second press does; <see cref="Environment.Exit"/> outside tests.</param>
    public InterruptSignal(TextWriter error, Action<int> exit)
    {
        _error = error;
        _exit = exit;
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Listens to Ctrl+C on the console until disposed.</summary>
    public InterruptSignal Listen()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        return this;
    }

    /// <summary>One Ctrl+C. Returns true when the process should keep running (the first press).</summary>
    public bool Press()
    {
        if (Interlocked.Increment(ref _presses) == 1)
        {
            _error.WriteLine("interrupted: stopping after the current step (Ctrl+C again to quit at once)");
            _source.Cancel();
            return true;
        }
        _exit(ExitCodes.Interrupted);
        return false;
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e) => e.Cancel = Press();
}
