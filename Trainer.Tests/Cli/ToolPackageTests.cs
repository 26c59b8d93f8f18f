using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// The trainer as a .NET tool, as the README installs it: <c>dotnet pack</c> makes the NeuralNet package, <c>dotnet
/// tool install</c> puts the <c>neuralnet</c> command in a folder, and that command trains iris (with OpenBLAS when the
/// machine has it, and a --plot, whose SkiaSharp native library must travel in the package). The package is the
/// linux-x64 one compiled ReadyToRun (for start-up) and the NeuralNet package that points to it. Offline: the package
/// comes from the folder it was packed into, its dependencies are inside it, and pack restores from the local cache.
/// The sources are packed from a copy, so the build under test is not touched.
/// </summary>
[NonParallelizable]
public class ToolPackageTests
{
    [Test]
    public void ThePackedToolInstallsAndTrainsIris()
    {
        using var temp = new TempFolder();
        string source = Path.Combine(temp.Path, "src");
        CopySources(source);
        string packages = Path.Combine(temp.Path, "nupkg");

        Run(source, "pack", "Trainer/Trainer.csproj", "-c", "Release", "-o", packages, "-nodeReuse:false", "--disable-build-servers");
        Assert.That(Directory.GetFiles(packages, "NeuralNet.*.nupkg").Select(Path.GetFileName), Is.EquivalentTo(new[] { "NeuralNet.1.0.0.nupkg", "NeuralNet.linux-x64.1.0.0.nupkg" }));
        string config = temp.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        string tools = Path.Combine(temp.Path, "tools");
        Run(temp.Path, "tool", "install", "NeuralNet", "--tool-path", tools, "--configfile", config);
        string neuralnet = Path.Combine(tools, "neuralnet");

        var version = Run(temp.Path, neuralnet, "--version");
        Assert.That(version.Trim(), Does.Match(@"^1\.0\.0(\+[0-9a-f]+)?$"));
        // ReadyToRun: the installed assembly carries native code (a managed native header) beside its IL.
        string installed = Directory.GetFiles(Path.Combine(tools, ".store"), "Trainer.dll", SearchOption.AllDirectories).Single();
        using (var pe = new PEReader(File.OpenRead(installed)))
            Assert.That(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, Is.GreaterThan(0), $"{installed} is not ReadyToRun");

        string plot = Path.Combine(temp.Path, "loss.png");
        var train = Run(temp.Path, neuralnet, "train", RepoPaths.Data("iris.csv"), "--epochs", "3", "--save", Path.Combine(temp.Path, "iris.model.json"), "--plot", plot);
        Assert.That(train, Does.Contain("model saved to ").And.Contain("weights sha256 "));
        Assert.That(new FileInfo(plot).Length, Is.GreaterThan(1000));
        bool openBlas = NativeLibrary.TryLoad("libopenblas.so.0", out var handle);
        if (openBlas)
            NativeLibrary.Free(handle);
        Assert.That(train.Split('\n')[0], openBlas ? Does.StartWith("BLAS: openblas") : Does.StartWith("BLAS: "));

        var help = Run(temp.Path, neuralnet, "predict", "--help");
        Assert.That(help, Does.Contain("  neuralnet predict <MODEL.json> <DATA.csv> [options]"));
    }

    // What pack needs: the project and the repository-wide build files (not bin/ or obj/).
    private static void CopySources(string destination)
    {
        foreach (string file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" })
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(Directory.CreateDirectory(destination).FullName, file));
        string project = Path.Combine(RepoPaths.Root, "Trainer");
        foreach (string file in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(project, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                continue;
            string target = Path.Combine(destination, "Trainer", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Runs <paramref name="program"/> ("dotnet" when the first argument is a dotnet verb) and returns its
    /// standard output; a non-zero exit fails the test with both streams.</summary>
    private static string Run(string directory, string program, params string[] args)
    {
        bool dotnet = program is "pack" or "tool";
        var start = new ProcessStartInfo(dotnet ? "dotnet" : program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in dotnet ? [program, .. args] : args)
            start.ArgumentList.Add(arg);
        // The test host runs under `dotnet test`, whose MSBuild variables would point the inner pack at its own
        // MSBuild; the setup script already ran when this build was made.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["NEURALNET_SKIP_SETUP"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(10)), Is.True, $"{program} {string.Join(' ', args)} did not finish");
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', args)}\n{output}\n{error.Result}");
        return output;
    }
}
