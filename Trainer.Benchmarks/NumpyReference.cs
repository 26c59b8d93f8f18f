using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuralNet.Benchmarks;

/// <summary>One line of relu_numpy.py: a variant's median and its ratio to numpy's own copy.</summary>
internal sealed record NumpyFigure(string Variant, double MedianMs, double RatioToCopy);

/// <summary>Runs ../shared/reference/relu_numpy.py (beside the repository) with Debian's python3 and reads its lines.</summary>
internal static partial class NumpyReference
{
    private const string Python = "/usr/bin/python3";

    /// <summary>The figures, or null after one line saying why there are none.</summary>
    public static IReadOnlyList<NumpyFigure>? Run(string repositoryRoot, params string[] scriptArguments)
    {
        string script = BenchmarkFiles.Reference(repositoryRoot, "relu_numpy.py").Path;
        if (!File.Exists(script))
        {
            Console.WriteLine($"numpy reference skipped: {script} is missing.");
            return null;
        }

        if (!File.Exists(Python))
        {
            Console.WriteLine($"numpy reference skipped: {Python} is missing (apt-get install -y python3-numpy).");
            return null;
        }

        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (string argument in scriptArguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string reason = error.Result.Trim().Split('\n')[^1];
            Console.WriteLine($"numpy reference skipped: relu_numpy.py exited {process.ExitCode}: {reason} (needs apt-get install -y python3-numpy).");
            return null;
        }

        return [.. output.Split('\n').Select(Parse).OfType<NumpyFigure>()];
    }

    private static NumpyFigure? Parse(string line)
    {
        Match match = FigureLine().Match(line);
        return match.Success
            ? new NumpyFigure(
                match.Groups["variant"].Value,
                double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture),
                double.Parse(match.Groups["ratio"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    // "             np.maximum(x, 0, x)    14.09 ms   1.02x copy"
    [GeneratedRegex(@"^\s*(?<variant>.+?)\s+(?<ms>[\d.]+) ms\s+(?<ratio>[\d.]+)x copy\s*$")]
    private static partial Regex FigureLine();
}
