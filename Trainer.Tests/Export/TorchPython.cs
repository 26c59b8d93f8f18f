using System.Diagnostics;
using System.Text.Json;

namespace NeuralNet.Tests.Export;

/// <summary>Runs a Python script with Debian's python3 and its python3-torch (installed by .ci/setup) and reads the
/// JSON the script prints. A machine without torch fails the test with the line that installs it: the PyTorch export
/// is checked in PyTorch or not at all.</summary>
public static class TorchPython
{
    public const string Python = "/usr/bin/python3";

    /// <summary>The JSON the script prints on standard output; the script fails the test when it exits non-zero.</summary>
    public static JsonElement Run(string script, params string[] args)
    {
        Assert.That(Python, Does.Exist, "python3 is missing: run .ci/setup as root (apt-get install -y python3-torch)");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        // One torch thread: the tests run beside each other, and the sums' order is not what is checked.
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (error.Result.Contains("No module named 'torch'", StringComparison.Ordinal))
            Assert.Fail("python3-torch is missing: run .ci/setup as root (apt-get install -y python3-torch)");
        Assert.That(process.ExitCode, Is.Zero, error.Result);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>Python that imports the exported module at sys.argv[1] as <c>exported</c>, whatever its file name.</summary>
    public const string ImportExported = """
        import csv, importlib.util, json, sys
        import torch
        spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
        exported = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(exported)
        """;
}
