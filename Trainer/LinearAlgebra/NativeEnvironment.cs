using System.Runtime.InteropServices;

namespace NeuralNet.LinearAlgebra;

/// <summary>
/// The C library's environment, which native code reads with <c>getenv</c>. .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> only changes the runtime's own copy on
/// Linux, so OpenBLAS would never see a value set that way.
/// </summary>
internal static partial class NativeEnvironment
{
    public static string? Get(string name) => Marshal.PtrToStringUTF8(GetEnv(name));

    /// <summary>Sets <paramref name="name"/> for native code in this process (and processes it starts).</summary>
    public static void Set(string name, string value)
    {
        if (SetEnv(name, value, overwrite: 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnv(string name);

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
