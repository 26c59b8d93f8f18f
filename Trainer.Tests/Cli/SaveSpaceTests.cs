using System.Diagnostics;
using System.Text.Json;
using NeuralNet.Cli;
using NeuralNet.Models;
using static System.FormattableString;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// A --save folder without room for the model file is refused before training, in one line naming the folder, the
/// bytes needed and the bytes free (exit code 2), instead of being found at the save, when the trained weights are
/// lost. The free space is pretended per folder (<see cref="SaveSpace.PretendFree"/>), so the tests need no full disk;
/// one runs on a real 64 KiB tmpfs where the machine allows a mount.
/// </summary>
public class SaveSpaceTests
{
    // iris with --hidden 8: 4·8 + 8 + 8·3 + 3 weights.
    private const long IrisValues = 67;

    [Test]
    public void AFolderWithoutRoomIsRefusedBeforeTrainingAndOneWithJustEnoughIsNot()
    {
        using var temp = new TempFolder();
        var first = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", temp.File("first.model.json"));
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        long needed = SaveSpace.EstimatedBytes(IrisValues, ModelSerializer.Load(temp.File("first.model.json")).Preprocessing);
        string save = Path.Combine(temp.Path, "new", "iris.model.json"); // its folder is created by the save

        CliRun full;
        using (SaveSpace.PretendFree(temp.Path, needed - 1))
            full = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", save);

        Assert.That(full.Error, Is.EqualTo(Invariant(
            $"error: --save {save}: the folder {OutputPaths.RealPath(temp.Path)} has {needed - 1:N0} bytes free, and the model file needs up to {needed:N0} ({IrisValues} weights); the trained weights could not be saved: free some space or save elsewhere\n")));
        Assert.That(full.ExitCode, Is.EqualTo(2));
        Assert.That(full.EpochRows, Is.Empty, "refused before the first epoch");
        Assert.That(File.Exists(save) || Directory.Exists(Path.Combine(temp.Path, "new")), Is.False);

        CliRun enough;
        using (SaveSpace.PretendFree(temp.Path, needed))
            enough = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", save);
        Assert.That(enough.ExitCode, Is.Zero, enough.ToString());
        Assert.That(new FileInfo(save).Length, Is.LessThanOrEqualTo(needed));
    }

    [Test]
    public void AnEnsembleCountsEveryMember()
    {
        using var temp = new TempFolder();
        string save = temp.File("ensemble.model.json");
        var saved = CliRun.Train(RepoPaths.Data("iris.csv"), "--ensemble", "3", "--save", save);
        Assert.That(saved.ExitCode, Is.Zero, saved.ToString());
        long needed = SaveSpace.EstimatedBytes(3 * IrisValues, ModelSerializer.Load(save).Preprocessing);

        CliRun full;
        using (SaveSpace.PretendFree(temp.Path, needed - 1))
            full = CliRun.Train(RepoPaths.Data("iris.csv"), "--ensemble", "3", "--save", save);

        Assert.That(full.Error, Does.Contain(Invariant($"needs up to {needed:N0} ({3 * IrisValues} weights)")));
        Assert.That(full.ExitCode, Is.EqualTo(2));
        Assert.That(new FileInfo(save).Length, Is.LessThanOrEqualTo(needed));
    }

    [Test]
    public void OtherFoldersAreNotAffectedByAPretendedOne()
    {
        using var pretended = new TempFolder();
        using var other = new TempFolder();
        using (SaveSpace.PretendFree(pretended.Path, 0))
        {
            var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", other.File("m.model.json"));
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
        }
    }

    /// <summary>The estimate is an upper bound of what the writer writes: every number takes at most 15 characters
    /// (checked over a million random floats), and a model whose every weight takes the longest form fits it.</summary>
    [Test]
    public void TheEstimateBoundsTheLongestNumbersTheWriterCanWrite()
    {
        var random = new Random(22);
        int longest = 0;
        float worst = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            if (float.IsFinite(value) && JsonSerializer.Serialize(value).Length is var length && length > longest)
                (longest, worst) = (length, value);
        }
        Assert.That(longest, Is.EqualTo(15), $"a sign, 9 digits, a point and E-38 ({worst})");

        using var temp = new TempFolder();
        string save = temp.File("m.model.json");
        Assert.That(CliRun.Train(RepoPaths.Data("iris.csv"), "--save", save).ExitCode, Is.Zero);
        // Every weight at 15 characters, the document re-hashed as a valid file.
        var model = ModelSerializer.Load(save);
        foreach (var parameter in model.Network.Parameters)
            parameter.Values.AsSpan().Fill(worst);
        string worstPath = temp.File("worst.model.json");
        ModelSerializer.Save(worstPath, ModelSerializer.ToDocument(model.Network, model.Preprocessing, model.Run, model.Metrics));
        Assert.That(ModelSerializer.Load(worstPath).Network.Parameters.SelectMany(p => p.Values.ToArray()), Is.All.EqualTo(worst));

        Assert.That(new FileInfo(worstPath).Length, Is.LessThanOrEqualTo(SaveSpace.EstimatedBytes(IrisValues, model.Preprocessing)));
    }

    /// <summary>A real full file system: a 64 KiB tmpfs (the machine must allow mount, as root does in the CI
    /// container). A network of 20,000 weights (540 KB of file at most) is refused before training; iris's small one
    /// fits and is saved.</summary>
    [Test]
    public void ARealSmallFileSystemRefusesAModelTooLargeForIt()
    {
        using var temp = new TempFolder();
        string mount = Directory.CreateDirectory(Path.Combine(temp.Path, "small")).FullName;
        if (!Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount))
            Assert.Ignore("mount -t tmpfs is not allowed here (not root, or no CAP_SYS_ADMIN)");
        try
        {
            string save = Path.Combine(mount, "large.model.json");
            var large = CliRun.Train(RepoPaths.Data("iris.csv"), "--hidden", "2000", "--save", save);
            Assert.That(large.Error, Does.StartWith($"error: --save {save}: the folder {mount} has ").And.Contain("bytes free, and the model file needs up to "));
            Assert.That(large.ExitCode, Is.EqualTo(2));
            Assert.That(large.EpochRows, Is.Empty);
            Assert.That(Directory.GetFileSystemEntries(mount), Is.Empty);

            // 64 KiB cannot take the 64 KiB room kept for the run's record either: a 1 MiB one for the small model.
            Assert.That(Run("mount", "-o", "remount,size=1m", mount), Is.True);
            var small = CliRun.Train(RepoPaths.Data("iris.csv"), "--save", Path.Combine(mount, "small.model.json"));
            Assert.That(small.ExitCode, Is.Zero, small.ToString());
            Assert.That(ModelSerializer.Load(Path.Combine(mount, "small.model.json")).Network.Parameters.Sum(p => p.Values.Length), Is.EqualTo(IrisValues));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static bool Run(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
