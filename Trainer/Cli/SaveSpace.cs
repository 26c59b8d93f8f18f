using System.Collections.Concurrent;
using NeuralNet.Data;
using NeuralNet.Models;
using static System.FormattableString;

namespace NeuralNet.Cli;

/// <summary>
/// Checks, before training, that the folder --save writes to has room for the model file: a full disk found at the
/// save loses the trained weights. The file's size is estimated the way <see cref="ModelSerializer"/> writes it: every
/// weight (and buffer) value on a line of its own, indented, in at most 15 characters (shortest round-trip form of a
/// float: a sign, 9 digits, a point and an exponent such as E-38); plus the preprocessing as it is written and room
/// for the run's record. The estimate is an upper bound: a trained file is smaller (most numbers take 10 to 13
/// characters). The save writes a temporary file beside the target and renames it over, so the old file (a model
/// saved over) still takes its room until then: the free space must hold the whole new file.
/// </summary>
internal static class SaveSpace
{
    /// <summary>The longest line of one value: 10 spaces of indentation (document, architecture, layer, parameters,
    /// values), 15 characters of number, a comma and a line feed.</summary>
    public const int BytesPerValue = 10 + 15 + 2;

    /// <summary>Room for what is not weights or preprocessing: the layers' specs, the run's record (options, picked
    /// lines, cross-validation folds), metrics and the two hashes; a few KB in practice.</summary>
    public const long RecordBytes = 64 * 1024;

    // Free bytes a test says a folder (and every folder under it) has, instead of asking the file system.
    private static readonly ConcurrentDictionary<string, long> Pretended = new(StringComparer.Ordinal);

    /// <summary>For tests: the folder <paramref name="folder"/> and the folders under it report
    /// <paramref name="freeBytes"/> free until the returned handle is disposed; other folders are unaffected.</summary>
    internal static IDisposable PretendFree(string folder, long freeBytes)
    {
        string key = OutputPaths.RealPath(folder);
        Pretended[key] = freeBytes;
        return new Forget(key);
    }

    private sealed class Forget(string key) : IDisposable
    {
        public void Dispose() => Pretended.TryRemove(key, out _);
    }

    /// <summary>The model file's size at most, for a network of <paramref name="values"/> weights and buffer values.</summary>
    public static long EstimatedBytes(long values, Preprocessing preprocessing) =>
        values * BytesPerValue + 2 * ModelSerializer.PreprocessingBytes(preprocessing) + RecordBytes;

    /// <summary>Refuses, in one line naming the folder, the bytes needed and the bytes free, a save the folder of
    /// <paramref name="savePath"/> cannot take. A folder whose free space cannot be read is not refused.</summary>
    /// <param name="option">How the user gave the path: "--save" (the default name under runs/ too).</param>
    /// <exception cref="InputException">The file would not fit.</exception>
    public static void Check(string option, string savePath, long values, Preprocessing preprocessing)
    {
        string folder = ExistingFolder(savePath);
        if (FreeBytes(folder) is not { } free)
            return;
        long needed = EstimatedBytes(values, preprocessing);
        if (needed > free)
            throw new InputException(Invariant(
                $"{option} {savePath}: the folder {folder} has {free:N0} bytes free, and the model file needs up to {needed:N0} ({values:N0} weights); the trained weights could not be saved: free some space or save elsewhere"));
    }

    /// <summary>The folder the file is written in (the final target's, for a symbolic link), or its nearest existing
    /// ancestor when the writer is to create it.</summary>
    private static string ExistingFolder(string savePath)
    {
        string? folder = Path.GetDirectoryName(OutputPaths.RealPath(savePath));
        while (folder is not null && !Directory.Exists(folder))
            folder = Path.GetDirectoryName(folder);
        return folder ?? Path.GetPathRoot(Path.GetFullPath(savePath))!;
    }

    private static long? FreeBytes(string folder)
    {
        foreach (var (pretended, bytes) in Pretended)
        {
            if (folder == pretended || folder.StartsWith(pretended + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return bytes;
        }
        try
        {
            // On Unix a DriveInfo of any path asks statvfs for the file system that holds it: the bytes an
            // unprivileged user may still write (root's reserved blocks are not counted).
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
