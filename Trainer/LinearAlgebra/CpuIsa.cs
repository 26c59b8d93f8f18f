namespace NeuralNet.LinearAlgebra;

/// <summary>The instruction sets that decide which OpenBLAS kernel fits this CPU.</summary>
internal readonly record struct CpuIsa(
    bool Avx512F,
    bool Avx512BW,
    bool Avx512DQ,
    bool Avx512VL,
    bool Avx2,
    bool Fma)
{
    /// <summary>What the runtime reports for this process (it also checks the OS saves the wide registers).</summary>
    public static CpuIsa Current => new(
        Avx512F: System.Runtime.Intrinsics.X86.Avx512F.IsSupported,
        Avx512BW: System.Runtime.Intrinsics.X86.Avx512BW.IsSupported,
        Avx512DQ: System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported,
        Avx512VL: System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported,
        Avx2: System.Runtime.Intrinsics.X86.Avx2.IsSupported,
        Fma: System.Runtime.Intrinsics.X86.Fma.IsSupported);

    /// <summary>SkylakeX's kernels use AVX-512 F, BW, DQ and VL.</summary>
    public bool HasSkylakeXSet => Avx512F && Avx512BW && Avx512DQ && Avx512VL;

    /// <summary>Haswell's kernels use AVX2 and FMA3.</summary>
    public bool HasHaswellSet => Avx2 && Fma;
}
