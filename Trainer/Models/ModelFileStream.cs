using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NeuralNet.Models;

/// <summary>Opens a model file for reading without ever blocking: opening a named pipe waits for a writer, so on
/// Linux the file is opened with O_NONBLOCK (which regular files ignore) and the caller, seeing a stream that cannot
/// seek, refuses it at once instead of hanging.</summary>
internal static partial class ModelFileStream
{
    private const int ReadOnly = 0; // O_RDONLY
    private const int NonBlocking = 0x800; // O_NONBLOCK on Linux x64 and arm64
    private const int CloseOnExec = 0x80000; // O_CLOEXEC on Linux x64 and arm64

    public static FileStream OpenRead(string path)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        int descriptor = Open(path, ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor < 0)
            throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, bufferSize: 1);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);
}
