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

    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        InFlight.TryAdd(temporary, 0);
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
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

    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
}
