namespace NeuralNet.LinearAlgebra;

/// <summary>The instruction sets that decide which OpenBLAS kernel fits this CPU.</summary>
internal readonly record struct CpuIsa(
    bool Avx512F,
    bool Avx512BW,
    bool Avx512DQ,
    bool Avx512VL,
    bool Avx2,
    bool Fma,
    bool Avx = false,
    bool Avx512Bf16 = false,
    bool Fma4 = false,
    bool X86 = true)
{
    /// <summary>What the runtime reports for this process (it also checks the OS saves the wide registers).</summary>
    public static CpuIsa Current => new(
        Avx512F: System.Runtime.Intrinsics.X86.Avx512F.IsSupported,
        Avx512BW: System.Runtime.Intrinsics.X86.Avx512BW.IsSupported,
        Avx512DQ: System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported,
        Avx512VL: System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported,
        Avx2: System.Runtime.Intrinsics.X86.Avx2.IsSupported,
        Fma: System.Runtime.Intrinsics.X86.Fma.IsSupported,
        Avx: System.Runtime.Intrinsics.X86.Avx.IsSupported,
        Avx512Bf16: CpuFlags.Value.Contains("avx512_bf16"),
        Fma4: CpuFlags.Value.Contains("fma4"),
        X86: System.Runtime.Intrinsics.X86.X86Base.IsSupported);

    // The runtime has no BF16 or FMA4 query; Linux lists every flag in /proc/cpuinfo. Elsewhere both count as absent,
    // which only ever picks a more conservative kernel.
    private static readonly Lazy<HashSet<string>> CpuFlags = new(() =>
    {
        try
        {
            string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) : null;
            return line is null ? [] : [.. line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    });

    /// <summary>SkylakeX's kernels use AVX-512 F, BW, DQ and VL.</summary>
    public bool HasSkylakeXSet => Avx512F && Avx512BW && Avx512DQ && Avx512VL;

    /// <summary>Haswell's kernels use AVX2 and FMA3.</summary>
    public bool HasHaswellSet => Avx2 && Fma;
}
