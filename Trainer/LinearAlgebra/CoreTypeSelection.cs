namespace NeuralNet.LinearAlgebra;

/// <summary>
/// Picks <c>OPENBLAS_CORETYPE</c> before OpenBLAS loads. Debian 12's OpenBLAS 0.3.21 picks its kernel from
/// a CPU-model table when it loads; on a CPU newer than that table it can fall back to Prescott (SSE3),
/// 5–10× slower than the AVX-512 kernel. Naming the kernel from the instruction sets avoids the table.
/// </summary>
internal static class CoreTypeSelection
{
    public const string VariableName = "OPENBLAS_CORETYPE";
    public const string SkylakeX = "SkylakeX";
    public const string Haswell = "Haswell";

    /// <summary>
    /// The value to set, or null to leave OpenBLAS alone: a user's non-blank value is never overridden,
    /// and a CPU with neither AVX-512 (F, BW, DQ, VL) nor AVX2 with FMA gets OpenBLAS's own choice.
    /// </summary>
    public static string? CoreTypeToSet(string? currentValue, CpuIsa isa)
    {
        if (!string.IsNullOrWhiteSpace(currentValue))
        {
            return null;
        }

        if (isa.HasSkylakeXSet)
        {
            return SkylakeX;
        }

        return isa.HasHaswellSet ? Haswell : null;
    }

    /// <summary>Says where the kernel OpenBLAS reports came from, for the startup line.</summary>
    public static string DescribeOrigin(string? userValue, string? valueSet, string? kernelInUse)
    {
        if (!string.IsNullOrWhiteSpace(userValue))
        {
            return $"from {VariableName}={userValue}";
        }

        if (valueSet is null)
        {
            return $"chosen by OpenBLAS: {VariableName} was unset";
        }

        return string.Equals(valueSet, kernelInUse, StringComparison.OrdinalIgnoreCase)
            ? $"set by NeuralNet: {VariableName} was unset"
            : $"NeuralNet set {VariableName}={valueSet} but OpenBLAS chose {kernelInUse}; was it loaded earlier?";
    }
}
