using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>What the first signal prints matches what the run does: while files are read it ends at once.</summary>
public class SignalWordsTests
{
    [Test]
    public void ASignalWhileReadingSaysTheRunStopsNow()
    {
        var error = new StringWriter();
        using var signal = new InterruptSignal(error, _ => { });
        int? exited = null;

        using (InterruptSignal.ExitAtOnceOn(signal.Token, code => exited = code))
            signal.Press();

        Assert.That(error.ToString(), Is.EqualTo("interrupted (Ctrl+C): stopping now (nothing to save yet)" + Environment.NewLine));
        Assert.That(exited, Is.EqualTo(ExitCodes.Interrupted));
    }

    [Test]
    public void ASignalWhileTrainingSaysTheRunStopsAfterTheStep()
    {
        var error = new StringWriter();
        using var signal = new InterruptSignal(error, _ => { });
        using (InterruptSignal.ExitAtOnceOn(signal.Token, _ => { }))
        {
            // reading ends before training starts
        }

        signal.Press(InterruptSignal.SigTermExitCode, "SIGTERM");

        Assert.That(error.ToString(), Is.EqualTo("interrupted (SIGTERM): stopping after the current step (send it again to quit at once)" + Environment.NewLine));
    }
}
