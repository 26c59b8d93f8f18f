using NeuralNet.Reporting;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Reporting;

public class AtomicFileTests
{
    [Test]
    public void WritingInAFolderRemovesTheTemporaryFilesOfDeadWritersOnly()
    {
        using var temp = new TempFolder();
        string target = temp.File("m.json");
        string dead = temp.File(".m.json.999999999.0123456789abcdef0123456789abcdef.tmp", "left by kill -9");
        string live = temp.File($".m.json.{Environment.ProcessId}.fedcba9876543210fedcba9876543210.tmp", "being written by this process");
        string liveOther = temp.File(".m.json.1.00000000000000000000000000000000.tmp", "pid 1 is always running");
        // Another target's: a default model name is never written twice, so its leftovers are cleaned by any write.
        string otherTarget = temp.File(".other.json.999999999.0123456789abcdef0123456789abcdef.tmp", "another target's");

        AtomicFile.WriteText(target, "new");

        Assert.That(File.ReadAllText(target), Is.EqualTo("new"));
        Assert.That((File.Exists(dead), File.Exists(live), File.Exists(liveOther), File.Exists(otherTarget)), Is.EqualTo((false, true, true, false)));
    }
}
