using System.Collections.Concurrent;

namespace NeuralNet.Data;

/// <summary>
/// Where a CSV file named on the command line is read from, and every time it is opened.
/// <para>
/// A regular file is read where it is. Standard input (<c>-</c> or <c>/dev/stdin</c>), a named pipe and a process
/// substitution (<c>&lt;(cat data.csv)</c>) can be read only once, so they are first copied, in one pass, to a
/// temporary file that is deleted when the process exits; from then on they are regular files. Opens of the
/// (regular or copied) file, all in <see cref="CsvScan"/> and <see cref="CsvLoader"/>:
/// </para>
/// <list type="number">
/// <item>the scan (<see cref="CsvScan.Read"/>): the binary check, the dialect, the header and the first rows (how
/// each column is first tried, the row estimate), from one stream; a file whose first rows split evenly at ','
/// and at ';' is sampled a second time at ';' to compare the two readings;</item>
/// <item>the read of every record, once, in parallel (<see cref="CsvLoader"/>), deciding each column's kind from
/// all of its cells; a large UTF-8 file is first counted through, in parallel, to split it into parts
/// (<see cref="FileChunks"/>), each part then opened by its own reader;</item>
/// <item>rarely, the read again: when the file has more rows than the estimate (the matrix is then allocated at
/// the exact count), when a column whose first rows were numbers turns out to be text with a few numeric
/// codes (it is read as text), or when a stray quote misled the split into parts (read by one reader).</item>
/// </list>
/// A <c>--test</c> file is scanned before training (its columns are checked) and read after it.
/// </summary>
internal static class CsvSource
{
    private static readonly ConcurrentDictionary<string, string> Spooled = new(StringComparer.Ordinal);

    static CsvSource() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteSpooled();

    /// <summary>The regular file to read for <paramref name="path"/>: itself, or its copy when it is a stream.
    /// The same stream named twice (a --test - after a training file) is copied once.</summary>
    public static string Resolve(string path)
    {
        if (Spooled.TryGetValue(path, out string? copy))
            return copy;
        if (path != "-" && (Directory.Exists(path) || !File.Exists(path)))
            return path; // The scan says what is wrong with it.
        Stream input;
        try
        {
            input = path == "-" ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read: {e.Message}", e);
        }
        using (input)
        {
            if (path != "-" && input.CanSeek)
                return path;
            string temporary = Path.Combine(Path.GetTempPath(), $"neuralnet-{Environment.ProcessId}-{Guid.NewGuid():N}.csv");
            Spooled[path] = temporary;
            try
            {
                using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                input.CopyTo(file, 1 << 20);
            }
            catch (IOException e)
            {
                throw new InputException($"{path}: could not be copied to a temporary file ({temporary}) to be read: {e.Message}", e);
            }
            return temporary;
        }
    }

    /// <summary>Refuses a --test file that is the same stream as the training data (<c>Trainer - --test -</c>, or
    /// <c>--test /dev/stdin</c>): a stream is read once, so its copy would score the training rows as test rows.</summary>
    public static void CheckTestIsAnotherStream(string dataPath, string testPath)
    {
        static bool IsStandardInput(string path) => path is "-" or "/dev/stdin" or "/dev/fd/0" or "/proc/self/fd/0";
        if ((IsStandardInput(dataPath) && IsStandardInput(testPath)) || (dataPath == testPath && Spooled.ContainsKey(dataPath)))
            throw new InputException($"--test {testPath}: the same stream as the training data ({dataPath}); a stream is read once, so the test rows would be the training rows; give the test rows in another file");
    }

    /// <summary>Deletes the copies (also at process exit).</summary>
    public static void DeleteSpooled()
    {
        foreach (var (path, copy) in Spooled)
        {
            try
            {
                File.Delete(copy);
            }
            catch (IOException)
            {
                // Left in the temporary directory; nothing else to do at exit.
            }
            Spooled.TryRemove(path, out _);
        }
    }
}
