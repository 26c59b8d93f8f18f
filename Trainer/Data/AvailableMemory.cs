using System.Globalization;

namespace NeuralNet.Data;

/// <summary>
/// How much memory a new allocation may take, so that a network or file too big for the machine is refused with one
/// line before it is allocated, instead of paging the machine to a halt or being killed. The limit is the smaller of
/// what the GC may still use (the machine's memory or the container's cgroup limit, less this process's working set)
/// and the kernel's MemAvailable (/proc/meminfo, Linux).
/// </summary>
public static class AvailableMemory
{
    /// <summary>The bytes a new allocation may take now.</summary>
    public static long Bytes
    {
        get
        {
            long gcLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - Environment.WorkingSet;
            long? kernel = MemAvailable();
            return Math.Max(0, kernel is { } available ? Math.Min(gcLimit, available) : gcLimit);
        }
    }

    /// <summary>Throws when <paramref name="bytes"/> is more than <see cref="Bytes"/>.</summary>
    /// <param name="what">Says what needs the memory and what to do about it, e.g. "data.csv: 2,000,000 rows × 900 columns".</param>
    /// <exception cref="InputException">One line with the estimate and the limit.</exception>
    public static void Check(long bytes, string what, string advice)
    {
        long available = Bytes;
        if (bytes > available)
            throw new InputException($"{what} needs about {Format(bytes)} of memory, more than the {Format(available)} available; {advice}");
    }

    /// <summary>Bytes in the largest fitting unit, e.g. "17.2 GB".</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
    };

    private static long? MemAvailable()
    {
        const string MemInfo = "/proc/meminfo";
        try
        {
            if (!File.Exists(MemInfo))
                return null;
            foreach (string line in File.ReadLines(MemInfo))
            {
                // "MemAvailable:   23456789 kB"
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line["MemAvailable:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long kb))
                    return kb * 1024;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: the GC's limit alone decides.
        }
        return null;
    }
}
