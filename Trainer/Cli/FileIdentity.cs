using System.Runtime.InteropServices;

namespace NeuralNet.Cli;

/// <summary>
/// What libc's <c>stat</c> says about an existing path: its device and inode (two names for one file, hard links or
/// bind mounts included, have the same pair) and whether it is a regular file (an output must never be renamed over
/// /dev/null or a named pipe). .NET exposes neither, so this reads <c>struct stat</c> on Linux x64 and arm64, whose
/// layouts are fixed by the kernel ABI; elsewhere it answers null and the callers fall back to real paths.
/// </summary>
internal static partial class FileIdentity
{
    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint RegularFile = 0x8000; // S_IFREG

    /// <summary>The (device, inode, is a regular file) of <paramref name="path"/>, following symbolic links; null when
    /// the path does not exist or the platform's layout is not known.</summary>
    public static (ulong Device, ulong Inode, bool IsRegular)? Of(string path)
    {
        int? modeOffset = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24, // st_dev, st_ino, st_nlink (8 bytes each), st_mode
            Architecture.Arm64 => 16, // st_dev, st_ino, st_mode
            _ => null,
        } : null;
        if (modeOffset is not { } offset)
            return null;
        var buffer = new byte[256]; // sizeof(struct stat) is 144 (x64) or 128 (arm64)
        try
        {
            if (Stat(path, buffer) != 0)
                return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // glibc before 2.33 exports only __xstat
        }
        uint mode = BitConverter.ToUInt32(buffer, offset);
        return (BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), (mode & TypeMask) == RegularFile);
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte[] buffer);
}
