using NeuralNet.Reporting;

namespace NeuralNet.Cli;

/// <summary>A file a command will write (<c>--save</c>, <c>--out</c>, …) or read, named by the option or argument that gave it.</summary>
/// <param name="MayReplace">For an output: the input it may be the same file as (<c>--save</c> over the model it
/// <c>--resume</c>s from replaces it on purpose, atomically).</param>
/// <param name="Kind">For an output: what it writes; an existing file of another kind is not replaced without
/// --overwrite. Null: not checked.</param>
internal readonly record struct NamedPath(string Name, string Path, string? MayReplace = null, OutputKind? Kind = null);

/// <summary>
/// Checks every file a command will write before any work starts, so a run never trains for an hour and then
/// cannot save, or overwrites its own input: each output must be a non-empty path that is not a directory, whose
/// folder exists (or can be created) and accepts a new file, and that is not the same file as an input or another
/// output (compared by real path, symbolic links resolved).
/// </summary>
internal static class OutputPaths
{
    /// <param name="overwrite">--overwrite: an output may replace an existing file of another kind.</param>
    /// <exception cref="InputException">One line naming the option, the path and what is wrong.</exception>
    public static void Check(IEnumerable<NamedPath> outputs, IEnumerable<NamedPath> inputs, bool overwrite = false)
    {
        CheckInputs(inputs);
        var seen = inputs.Where(input => !string.IsNullOrEmpty(input.Path))
            .Select(input => (input.Name, input.Path, Real: RealPath(input.Path), Identity: FileIdentity.Of(input.Path))).ToList();
        foreach (var output in outputs)
        {
            CheckWritable(output);
            string real = RealPath(output.Path);
            var identity = FileIdentity.Of(output.Path);
            if (identity is { IsRegular: false })
                throw new InputException($"{output.Name} {output.Path}: this is not a regular file (a device, a pipe or a socket); expected a file name");
            // /proc/self/fd/1 may well be a regular file (a redirected stdout), but a file is written by renaming a
            // new one over it, which these file systems do not do; outputs are files the user keeps.
            if (SystemFolders.Any(folder => real.StartsWith(folder, StringComparison.Ordinal)))
                throw new InputException($"{output.Name} {output.Path}: this is {real}, a device or process file, not a file to keep; expected a file name");
            foreach (var (name, path, other, otherIdentity) in seen)
            {
                // Equal real paths, or one file under two names (a hard link, a bind mount).
                bool same = string.Equals(real, other, StringComparison.Ordinal)
                    || (identity is { } a && otherIdentity is { } b && (a.Device, a.Inode) == (b.Device, b.Inode));
                if (same && name != output.MayReplace)
                    throw new InputException($"{output.Name} {output.Path}: this is the same file as {name} {path}, which it would overwrite; write the output elsewhere");
            }
            seen.Add((output.Name, output.Path, real, identity));
            if (!overwrite && output.Kind is { } kind && identity is { IsRegular: true } or null && File.Exists(output.Path)
                && OutputKinds.Of(output.Path) is { } existing && existing != kind)
                throw new InputException($"{output.Name} {output.Path}: this is {OutputKinds.Describe(existing)}, which {OutputKinds.Describe(kind)} would replace; write the output elsewhere, or pass --overwrite to replace it");
        }
    }

    /// <summary>Whether two existing paths name one file: equal real paths (symbolic links resolved), or one file
    /// under two names (a hard link, a bind mount).</summary>
    public static bool SameFile(string first, string second)
    {
        if (string.Equals(RealPath(first), RealPath(second), StringComparison.Ordinal))
            return true;
        return FileIdentity.Of(first) is { } a && FileIdentity.Of(second) is { } b && (a.Device, a.Inode) == (b.Device, b.Inode);
    }

    /// <summary>An input given as an empty string ("--test ''") is named as such, not as a file ':' not found.</summary>
    public static void CheckInputs(IEnumerable<NamedPath> inputs)
    {
        if (inputs.FirstOrDefault(input => input.Path is not null && string.IsNullOrWhiteSpace(input.Path)) is { Name: not null } empty)
            throw new InputException($"{empty.Name}: the path is empty; expected a file name");
    }

    private static readonly string[] SystemFolders = ["/dev/", "/proc/", "/sys/"];

    private static void CheckWritable(NamedPath output)
    {
        if (string.IsNullOrWhiteSpace(output.Path))
            throw new InputException($"{output.Name}: the path is empty; expected a file name");
        if (Directory.Exists(output.Path))
            throw new InputException($"{output.Name} {output.Path}: this is a folder; expected a file name");
        string full;
        try
        {
            full = Path.GetFullPath(output.Path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InputException($"{output.Name} {output.Path}: not a valid path ({e.Message})");
        }
        if (Path.EndsInDirectorySeparator(output.Path))
            throw new InputException($"{output.Name} {output.Path}: ends with '/', which names a folder; expected a file name");
        // A link that cannot be followed would be replaced by the file itself (a rename does not follow links): the
        // link the user named would silently stop being one.
        var link = new FileInfo(full);
        if (link.LinkTarget is not null)
        {
            try
            {
                link.ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (IOException)
            {
                throw new InputException($"{output.Name} {output.Path}: a symbolic link that cannot be followed (it leads back to itself, through {link.LinkTarget}); expected a file name, or a link to one");
            }
        }
        int nameBytes = System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(full));
        if (nameBytes > AtomicFile.MaxFileNameBytes)
            throw new InputException($"{output.Name} {output.Path}: the file name is {nameBytes} bytes long; at most {AtomicFile.MaxFileNameBytes} are allowed (the temporary file written beside it needs the rest of the file system's 255)");

        // The folder may not exist yet (the writers create it): the nearest existing ancestor must be a folder that
        // accepts a new file.
        string? folder = Path.GetDirectoryName(full);
        while (folder is not null && !Directory.Exists(folder))
        {
            if (File.Exists(folder))
                throw new InputException($"{output.Name} {output.Path}: cannot be created because {folder} is a file, not a folder");
            folder = Path.GetDirectoryName(folder);
        }
        if (folder is null)
            throw new InputException($"{output.Name} {output.Path}: no folder of this path exists");
        Probe(output, folder);
    }

    /// <summary>Creates and deletes an empty file in <paramref name="folder"/>: the only reliable test of write
    /// permission (ACLs, read-only mounts and root's exemption from mode bits all decide it).</summary>
    private static void Probe(NamedPath output, string folder)
    {
        string probe = Path.Combine(folder, $".neuralnet-probe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET's message names the probe file, which the user never asked for.
            string reason = e switch
            {
                UnauthorizedAccessException => "permission denied",
                FileNotFoundException or DirectoryNotFoundException => "it cannot hold files",
                _ => e.Message.Replace(probe, "a new file", StringComparison.Ordinal),
            };
            throw new InputException($"{output.Name} {output.Path}: the folder {folder} does not accept new files ({reason})");
        }
    }

    /// <summary>The absolute path with every symbolic link resolved, in the folders as well as the file itself;
    /// parts that do not exist yet are kept as written.</summary>
    internal static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string? parent = Path.GetDirectoryName(full);
        if (parent is null)
            return full; // the root
        string candidate = Path.Combine(RealPath(parent), Path.GetFileName(full));
        try
        {
            FileSystemInfo info = Directory.Exists(candidate) ? new DirectoryInfo(candidate) : new FileInfo(candidate);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                return RealPath(target.FullName);
        }
        catch (IOException)
        {
            // A link loop or an unreadable link: compare the path as written.
        }
        return candidate;
    }
}
