using System.Xml.Linq;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Readme;

/// <summary>
/// The documentation's dotnet commands that a test cannot run in-process are run elsewhere, and this checks that
/// they are, and that what the README says about them holds:
/// <list type="bullet">
/// <item><c>dotnet test</c> and <c>dotnet build -c Release</c>: .ci/run runs them.</item>
/// <item><c>dotnet pack -c Release</c>: <see cref="ToolPackageTests.ThePackedToolInstallsAndTrainsIris"/> packs
/// Trainer/Trainer.csproj in Release, which is what the command packs at the root (every other project of the
/// solution is not packable), and Trainer.csproj packs a tool into ./nupkg.</item>
/// <item><c>dotnet tool install --global --add-source ./nupkg NeuralNet</c>: the same test installs the packed
/// package (into a --tool-path, not --global), and ./nupkg and NeuralNet are the project's package folder and id.</item>
/// </list>
/// </summary>
public static class CiCoverage
{
    private static readonly string[] CiScript = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".ci", "run"));

    private static readonly string ToolTest = File.ReadAllText(Path.Combine(RepoPaths.Root, "Trainer.Tests", "Cli", "ToolPackageTests.cs"));

    public static void Check(ShellCommand command)
    {
        switch (command.Form)
        {
            case CommandForm.Test:
                Assert.That(CiScript, Has.Some.StartsWith("dotnet test"), ".ci/run runs dotnet test");
                break;
            case CommandForm.Build:
                Assert.That(CiScript, Has.Some.EqualTo("dotnet build -c Release"), ".ci/run builds the solution in Release");
                if (command.Args is [var project])
                    Assert.That(Directory.Exists(Path.Combine(RepoPaths.Root, project)) && Directory.GetFiles(Path.Combine(RepoPaths.Root, project), "*.csproj").Length == 1, Is.True, $"dotnet build {project}: a folder with one project");
                break;
            case CommandForm.Pack:
                AssertTheToolTestRuns("\"pack\", \"Trainer/Trainer.csproj\", \"-c\", \"Release\"");
                Assert.That(Property("Trainer", "PackAsTool"), Is.EqualTo("true"));
                foreach (string other in new[] { "Trainer.Tests", "Trainer.Benchmarks" })
                    Assert.That(Property(other, "IsPackable"), Is.EqualTo("false"), $"dotnet pack at the root packs {other} too");
                Assert.That(File.ReadAllText(Path.Combine(RepoPaths.Root, "NeuralNet.sln")), Does.Contain("\"Trainer\\Trainer.csproj\"").And.Contain("Trainer.Tests").And.Contain("Trainer.Benchmarks"));
                break;
            case CommandForm.ToolInstall:
                AssertTheToolTestRuns("\"tool\", \"install\", \"NeuralNet\"");
                string packages = Property("Trainer", "PackageOutputPath").Replace("$(MSBuildThisFileDirectory)", Path.Combine(RepoPaths.Root, "Trainer") + "/", StringComparison.Ordinal);
                Assert.That(Path.GetFullPath(Path.Combine(RepoPaths.Root, command.Args[0])), Is.EqualTo(Path.GetFullPath(packages)), "--add-source is the folder dotnet pack writes to");
                Assert.That(command.Args[1], Is.EqualTo(Property("Trainer", "PackageId")));
                Assert.That(Property("Trainer", "ToolCommandName"), Is.EqualTo(NeuralNet.Cli.UsageHelp.ToolName), "the command the examples call");
                break;
            default:
                Assert.Fail($"no test or script is known to run {command}");
                break;
        }
    }

    private static void AssertTheToolTestRuns(string arguments)
    {
        // It runs in the suite: a test, neither explicit nor ignored (its class neither).
        var method = typeof(ToolPackageTests).GetMethod(nameof(ToolPackageTests.ThePackedToolInstallsAndTrainsIris))!;
        Assert.That(method.GetCustomAttributes(typeof(TestAttribute), inherit: true), Is.Not.Empty, "a [Test]");
        Assert.That(method.GetCustomAttributes(typeof(ExplicitAttribute), inherit: true).Concat(typeof(ToolPackageTests).GetCustomAttributes(typeof(ExplicitAttribute), inherit: true)), Is.Empty, "not [Explicit]");
        Assert.That(method.GetCustomAttributes(typeof(IgnoreAttribute), inherit: true).Concat(typeof(ToolPackageTests).GetCustomAttributes(typeof(IgnoreAttribute), inherit: true)), Is.Empty, "not [Ignore]");
        Assert.That(ToolTest, Does.Contain(arguments), $"ToolPackageTests runs dotnet {arguments}");
    }

    /// <summary>A property of a project's file, e.g. Trainer.csproj's PackageId; "" when it has none.</summary>
    private static string Property(string project, string name) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, project, project + ".csproj")).Descendants(name).FirstOrDefault()?.Value.Trim() ?? "";
}
