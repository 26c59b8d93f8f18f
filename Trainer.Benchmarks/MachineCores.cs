using System.Globalization;

namespace NeuralNet.Benchmarks;

/// <summary>The CPU the figures were measured on, and the cores a side of a comparison is pinned to, so that no
/// figure compares different core counts: each side of a comparison on N cores runs under
/// <c>taskset -c</c> on the first N cores this process may use.</summary>
internal static class MachineCores
{
    /// <summary>"AMD EPYC 7B13, 2 cores, AVX-512" from /proc/cpuinfo's model name, the cores this process may use and
    /// the widest vectors the runtime uses here.</summary>
    public static string Describe()
    {
        string model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
                ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
                : "unknown CPU"
            : "unknown CPU";
        string vectors = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "AVX-512"
            : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "AVX2 (no AVX-512)" : "no AVX2";
        return string.Create(CultureInfo.InvariantCulture, $"{model}, {Environment.ProcessorCount} cores, {vectors}");
    }

    /// <summary>The first <paramref name="count"/> CPUs of this process's affinity mask (/proc/self/status's
    /// Cpus_allowed_list, such as "0-3,8"), as taskset -c takes them: "0,1".</summary>
    public static string First(int count)
    {
        string? allowed = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?.Split(':')[1].Trim()
            : null;
        var cpus = allowed is null
            ? Enumerable.Range(0, Environment.ProcessorCount)
            : allowed.Split(',').SelectMany(range =>
            {
                string[] ends = range.Split('-');
                int first = int.Parse(ends[0], CultureInfo.InvariantCulture);
                return Enumerable.Range(first, (ends.Length == 2 ? int.Parse(ends[1], CultureInfo.InvariantCulture) : first) - first + 1);
            });
        return string.Join(',', cpus.Take(count));
    }
}
