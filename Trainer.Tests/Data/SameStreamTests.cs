using NeuralNet.Cli;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Data;

/// <summary><c>cat f.csv | Trainer - --test -</c> scored the training rows as the test set (issue 11, second
/// round): the same stream named for both is refused before anything is read.</summary>
public sealed class SameStreamTests
{
    [TestCase("-")]
    [TestCase("/dev/stdin")]
    public void A_test_file_that_is_the_training_stream_is_refused(string test)
    {
        var run = CliRun.Train("-", "--test", test);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(run.Error, Is.EqualTo($"error: --test {test}: the same stream as the training data (-); a stream is read once, so the test rows would be the training rows; give the test rows in another file\n"));
        });
    }
}
