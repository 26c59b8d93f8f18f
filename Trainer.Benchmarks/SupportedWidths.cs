using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using NeuralNet.Kernels;

namespace NeuralNet.Benchmarks;

/// <summary>
/// Leaves out the rows that force a vector width this CPU does not accelerate ("ours Vector512" on an AVX2-only
/// machine would throw NotSupportedException and fail the whole table): the table is of what the machine can run,
/// and <see cref="Note"/> says what was left out.
/// </summary>
internal static class SupportedWidths
{
    private static readonly (string Method, SimdWidth Width)[] Forced =
        [("Ours512", SimdWidth.Vector512), ("Ours256", SimdWidth.Vector256), ("Ours128", SimdWidth.Vector128)];

    public static IFilter Filter { get; } = new SimpleFilter(Runs);

    /// <summary>The line to print before the table, or null when every width runs.</summary>
    public static string? Note
    {
        get
        {
            var missing = Forced.Select(f => f.Width).Distinct().Where(w => !SimdWidths.IsSupported(w)).ToList();
            return missing.Count == 0 ? null : $"note: this CPU does not accelerate {string.Join(", ", missing)}; the rows forcing it are skipped";
        }
    }

    private static bool Runs(BenchmarkCase benchmark)
    {
        string method = benchmark.Descriptor.WorkloadMethod.Name;
        return Forced.Where(f => method.StartsWith(f.Method, StringComparison.Ordinal)).All(f => SimdWidths.IsSupported(f.Width));
    }
}
