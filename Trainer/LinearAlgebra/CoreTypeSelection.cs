namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Picks <c>OPENBLAS_CORETYPE</c> before OpenBLAS loads. Debian 12's OpenBLAS 0.3.21 picks its kernel from
/// a CPU-model table when it loads; on a CPU newer than that table it can fall back to Prescott (SSE3),
/// 5–10× slower than the AVX-512 kernel. Naming the kernel from the instruction sets avoids the table.
/// A kernel forced by the user that this CPU cannot run (SkylakeX without AVX-512) would die of SIGILL at the first
/// product, so it is replaced by the best one the CPU can run, and the startup line says so.
/// </summary>
internal static class CoreTypeSelection
{
    public const string VariableName = "OPENBLAS_CORETYPE";
    public const string SkylakeX = "SkylakeX";
    public const string Haswell = "Haswell";

    /// <summary>The instruction sets each OpenBLAS kernel needs beyond SSE3 (which every x86-64 CPU .NET runs on has),
    /// by OpenBLAS's (case-insensitive) core name.</summary>
    private static readonly Dictionary<string, (Func<CpuIsa, bool> CanRun, string Needs)> Requirements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SkylakeX"] = (isa => isa.HasSkylakeXSet, "AVX-512 (F, BW, DQ, VL)"),
        ["Cooperlake"] = (isa => isa.HasSkylakeXSet && isa.Avx512Bf16, "AVX-512 (F, BW, DQ, VL) with BF16"),
        ["SapphireRapids"] = (isa => isa.HasSkylakeXSet && isa.Avx512Bf16, "AVX-512 (F, BW, DQ, VL) with BF16"),
        ["Haswell"] = (isa => isa.HasHaswellSet, "AVX2 and FMA"),
        ["Zen"] = (isa => isa.HasHaswellSet, "AVX2 and FMA"),
        ["Sandybridge"] = (isa => isa.Avx, "AVX"),
        ["Bulldozer"] = (isa => isa.Avx && isa.Fma4, "AVX and FMA4"),
        ["Piledriver"] = (isa => isa.Avx && isa.Fma4, "AVX and FMA4"),
        ["Steamroller"] = (isa => isa.Avx && isa.Fma4, "AVX and FMA4"),
        ["Excavator"] = (isa => isa.Avx && isa.Fma4, "AVX and FMA4"),
    };

    /// <summary>OpenBLAS's x86 kernels that need nothing beyond SSE3 (OpenBLAS's driver/others/dynamic.c core names).</summary>
    private static readonly HashSet<string> Sse3Kernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "Katmai", "Coppermine", "Northwood", "Prescott", "Banias", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom",
        "Athlon", "Opteron", "Opteron_SSE3", "Barcelona", "Nano",
    };

    /// <summary>Whether OpenBLAS knows <paramref name="coreType"/> as an x86 kernel: an unknown name would silently
    /// leave the choice to OpenBLAS (on a CPU newer than its table, Prescott, 5–10× slower) while the startup line
    /// claimed the user's value. Other architectures' names are not checked.</summary>
    public static bool IsKnown(string coreType, CpuIsa isa) =>
        !isa.X86 || Requirements.ContainsKey(coreType.Trim()) || Sse3Kernels.Contains(coreType.Trim());

    /// <summary>
    /// The value to set, or null to leave OpenBLAS alone: a user's non-blank value is kept when this CPU can run
    /// it, and a CPU with neither AVX-512 (F, BW, DQ, VL) nor AVX2 with FMA gets OpenBLAS's own choice.
    /// </summary>
    public static string? CoreTypeToSet(string? currentValue, CpuIsa isa)
    {
        if (!string.IsNullOrWhiteSpace(currentValue))
        {
            return IsKnown(currentValue, isa) && MissingInstructions(currentValue, isa) is null ? null : BestFor(isa);
        }

        if (isa.HasSkylakeXSet)
        {
            return SkylakeX;
        }

        return isa.HasHaswellSet ? Haswell : null;
    }

    /// <summary>What <paramref name="coreType"/> needs that <paramref name="isa"/> lacks, such as "AVX-512 (F, BW, DQ, VL)";
    /// null when the CPU can run it (or the name is not one this table knows, or the CPU is not x86).</summary>
    public static string? MissingInstructions(string coreType, CpuIsa isa) =>
        isa.X86 && Requirements.TryGetValue(coreType.Trim(), out var requirement) && !requirement.CanRun(isa) ? requirement.Needs : null;

    /// <summary>Says where the kernel OpenBLAS reports came from, for the startup line.</summary>
    public static string DescribeOrigin(string? userValue, string? valueSet, string? kernelInUse, CpuIsa isa)
    {
        if (!string.IsNullOrWhiteSpace(userValue))
        {
            return valueSet is null
                ? $"from {VariableName}={userValue}"
                : !IsKnown(userValue, isa)
                ? $"{VariableName}={userValue} is not a kernel OpenBLAS knows; NeuralNet set {valueSet}, the best kernel this CPU can run"
                : $"{VariableName}={userValue} needs {MissingInstructions(userValue, isa)}, which this CPU lacks; NeuralNet set {valueSet}, the best kernel it can run";
        }

        if (valueSet is null)
        {
            return $"chosen by OpenBLAS: {VariableName} was unset";
        }

        return string.Equals(valueSet, kernelInUse, StringComparison.OrdinalIgnoreCase)
            ? $"set by NeuralNet: {VariableName} was unset"
            : $"NeuralNet set {VariableName}={valueSet} but OpenBLAS chose {kernelInUse}; was it loaded earlier?";
    }

    /// <summary>The fastest kernel <paramref name="isa"/> runs: SkylakeX, Haswell, Sandybridge, else Nehalem (SSE4.2,
    /// which every CPU .NET 10 runs on has).</summary>
    private static string BestFor(CpuIsa isa) => isa.HasSkylakeXSet ? SkylakeX : isa.HasHaswellSet ? Haswell : isa.Avx ? "Sandybridge" : "Nehalem";
}
