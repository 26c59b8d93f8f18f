using System.Runtime.InteropServices;

namespace NeuralNet.Cli;

/// <summary>
/// Ctrl+C (SIGINT), SIGTERM and SIGHUP for a run: the first signal cancels <see cref="Token"/>, which the training
/// loop checks between batches (it then restores the best epoch, saves the model and exits with 128 + the signal's
/// number: 130, 143 or 129); a save under way when it arrives is finished. A second signal exits at once.
/// </summary>
public sealed class InterruptSignal : IDisposable
{
    public const int SigHupExitCode = 129;
    public const int SigTermExitCode = 143;

    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _error;
    private readonly Action<int> _exit;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _presses;

    /// <param name="exit">What a second signal does; <see cref="Environment.Exit"/> outside tests.</param>
    public InterruptSignal(TextWriter error, Action<int> exit)
    {
        _error = error;
        _exit = exit;
    }

    /// <summary>The exit code of an interrupted run: 128 + the number of the first signal received (130 when the
    /// token was cancelled some other way). Signals are process-wide, so this is too; it is reset on dispose.</summary>
    public static int ExitCode { get; private set; } = ExitCodes.Interrupted;

    public CancellationToken Token => _source.Token;

    /// <summary>Listens to SIGINT, SIGTERM and SIGHUP until disposed.</summary>
    public InterruptSignal Listen()
    {
        foreach (var (signal, code, name) in ((PosixSignal, int, string)[])[
            (PosixSignal.SIGINT, ExitCodes.Interrupted, "Ctrl+C"), (PosixSignal.SIGTERM, SigTermExitCode, "SIGTERM"), (PosixSignal.SIGHUP, SigHupExitCode, "SIGHUP")])
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = Press(code, name)));
        }
        return this;
    }

    /// <summary>One signal. Returns true when the process should keep running (the first signal).</summary>
    /// <param name="exitCode">128 + the signal's number.</param>
    public bool Press(int exitCode = ExitCodes.Interrupted, string name = "Ctrl+C")
    {
        if (Interlocked.Increment(ref _presses) == 1)
        {
            ExitCode = exitCode;
            // While files are read (or predict and evaluate run) the process ends at once: say so, not "after the
            // current step", which it will not wait for.
            _error.WriteLine(Volatile.Read(ref _exitingAtOnce) > 0
                ? $"interrupted ({name}): stopping now (nothing to save yet)"
                : $"interrupted ({name}): stopping after the current step (send it again to quit at once)");
            _source.Cancel();
            return true;
        }
        _exit(ExitCode);
        return false;
    }

    /// <summary>For work that keeps nothing worth saving (reading files, predict, evaluate): the first signal ends
    /// the process at once with <see cref="ExitCode"/>, instead of waiting for the work to look at the token.
    /// Temporary files being written are removed on exit (see AtomicFile). A token cancelled before the work began
    /// is left to the work (training then stops before its first batch and saves nothing).</summary>
    /// <param name="exit">What the signal does; <see cref="Environment.Exit"/> outside tests.</param>
    public static IDisposable ExitAtOnceOn(CancellationToken interrupt, Action<int>? exit = null)
    {
        if (interrupt.IsCancellationRequested)
            return new AtOncePhase(default, counted: false);
        Interlocked.Increment(ref _exitingAtOnce);
        exit ??= Environment.Exit;
        return new AtOncePhase(interrupt.Register(() => exit(ExitCode)), counted: true);
    }

    // How many phases that end the process at the first signal are under way (signals are process-wide).
    private static int _exitingAtOnce;

    private sealed class AtOncePhase(CancellationTokenRegistration registration, bool counted) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
                return;
            registration.Dispose();
            if (counted)
                Interlocked.Decrement(ref _exitingAtOnce);
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        ExitCode = ExitCodes.Interrupted;
        _source.Dispose();
    }
}
