using System.Collections.Concurrent;

namespace NeuralNet.Reporting;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one, never a torn mix: the content
/// goes to a temporary file in the same directory, is flushed to disk, and then renamed over the target.
/// </summary>
public static class AtomicFile
{
    // Temporary files being written. A process that exits mid-write (a second Ctrl+C calls Environment.Exit)
    // skips the finally below, so they are removed on exit instead; the target file is untouched either way.
    private static readonly ConcurrentDictionary<string, byte> InFlight = new();

    static AtomicFile() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (string temporary in InFlight.Keys)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exiting anyway: a leftover temporary file is all that remains.
            }
        }
    };

    /// <summary>The longest file name, in UTF-8 bytes, this can write: file systems allow 255 bytes a name, and the
    /// temporary name adds 49 (".", "." + a process id of up to 10 digits, "." + 32 hex digits, ".tmp").</summary>
    public const int MaxFileNameBytes = 200;

    /// <summary>Writes <paramref name="path"/>; when it is a symbolic link, the file it finally points to is written
    /// (its temporary file beside that file) and the link is kept.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = FinalTarget(Path.GetFullPath(path));
        WriteThenRename(path, full, write, temporary => File.Move(temporary, full, overwrite: true));
    }

    /// <summary>Writes a new file under the first name of <paramref name="nameFor"/>(1), (2), … that does not exist
    /// yet, and returns it. Nothing holds a name while the content is written: the temporary file is renamed to it
    /// with no-replace semantics, so a name taken meanwhile moves on to the next, and a kill mid-write leaves no
    /// empty file under a real name (only the temporary file, removed by the next write in that folder).</summary>
    public static string WriteNew(Func<int, string> nameFor, Action<Stream> write)
    {
        string written = nameFor(1);
        WriteThenRename(written, Path.GetFullPath(written), write, temporary =>
        {
            for (int attempt = 1; ; attempt++)
            {
                string name = nameFor(attempt);
                try
                {
                    File.Move(temporary, Path.GetFullPath(name), overwrite: false);
                    written = name;
                    return;
                }
                catch (IOException) when (File.Exists(name))
                {
                    // Taken by another run: try the next name.
                }
            }
        });
        return written;
    }

    /// <summary>Writes a temporary file beside <paramref name="full"/>, flushes it to disk and hands it to
    /// <paramref name="rename"/>; a failure is one <see cref="IOException"/> naming <paramref name="path"/> as the user
    /// wrote it, and the temporary file never outlives the call (but for a kill, see <see cref="RemoveStale"/>).</summary>
    private static void WriteThenRename(string path, string full, Action<Stream> write, Action<string> rename)
    {
        string directory = Path.GetDirectoryName(full)!;
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        InFlight.TryAdd(temporary, 0);
        try
        {
            Directory.CreateDirectory(directory);
            RemoveStale(directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            rename(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET names the temporary file; the user knows the path they asked for.
            throw new IOException($"{path}: cannot be written: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
            InFlight.TryRemove(temporary, out _);
        }
    }

    // Renaming over a symbolic link would replace the link itself with a regular file: the link's final target is
    // what the user means to update (latest.json -> keep/real.json).
    private static string FinalTarget(string full)
    {
        try
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                return Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            // A link loop: the rename below fails and says so.
        }
        return full;
    }

    /// <summary>Deletes the temporary files that writers killed mid-write (kill -9, power loss) left in
    /// <paramref name="directory"/>, whatever target they were for (a default model name is never written twice):
    /// ".NAME.PID.GUID.tmp" whose PID is no longer running. A live writer's file is left alone.</summary>
    private static void RemoveStale(string directory)
    {
        foreach (string path in Directory.EnumerateFiles(directory, ".*.tmp"))
        {
            // From the end, as NAME may hold dots: "tmp", the 32 hex digits of the GUID, the process id.
            string[] parts = Path.GetFileName(path).Split('.');
            if (parts.Length < 5 || parts[^2].Length != 32 || !parts[^2].All(char.IsAsciiHexDigitLower)
                || !int.TryParse(parts[^3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
                || pid == Environment.ProcessId || IsRunning(pid))
                continue;
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's file we may not delete: it does not stop this write.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
}
