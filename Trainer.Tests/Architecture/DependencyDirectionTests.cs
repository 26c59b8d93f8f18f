using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace NeuralNet.Tests.Architecture;

/// <summary>The namespaces of the trainer depend only downwards (BRIEF: L0 Kernels, LinearAlgebra, Data, Onnx, PyTorch ·
/// L1 Layers · L2 Losses, Optimizers · L3 Training · L4 Reporting · L5 Models · L6 Export · L7 Cli), so that the
/// domain never sees a command-line type and the model file never holds one. The root namespace <c>NeuralNet</c>
/// (<see cref="InputException"/>) sits below them all: every level may use it, and it uses none; only the entry
/// point <see cref="Program"/>, above them all, lives there too. The dependencies are read from the
/// compiled IL, so a constant (inlined by the compiler) is not one; a type used in any signature, field, cast or call is.</summary>
public class DependencyDirectionTests
{
    /// <summary>The level of each namespace under <c>NeuralNet.</c>; a namespace may use its own level's or lower ones,
    /// except that two namespaces of one level do not use each other (they are leaves side by side).</summary>
    public static readonly IReadOnlyDictionary<string, int> Levels = new Dictionary<string, int>
    {
        ["Kernels"] = 0, ["LinearAlgebra"] = 0, ["Data"] = 0, ["Onnx"] = 0, ["PyTorch"] = 0,
        ["Layers"] = 1,
        ["Losses"] = 2, ["Optimizers"] = 2,
        ["Training"] = 3,
        ["Reporting"] = 4,
        ["Models"] = 5,
        ["Export"] = 6,
        ["Cli"] = 7,
    };

    private static readonly ArchUnitNET.Domain.Architecture Trainer =
        new ArchLoader().LoadAssemblies(typeof(NeuralNet.Cli.CommandLine).Assembly).Build();

    /// <summary>Every namespace of the trainer has a level: a new one must be placed before it can be used.</summary>
    [Test]
    public void EveryNamespaceHasALevel()
    {
        var unplaced = Trainer.Types.Select(t => Area(t.Namespace?.FullName ?? "")).Where(a => a is not null && !Levels.ContainsKey(a)).Distinct();
        Assert.That(unplaced, Is.Empty);
    }

    [Test]
    public void NoNamespaceDependsOnAHigherOrSameLevelNeighbour()
    {
        Assert.That(Violations(Trainer, Levels), Is.Empty);
    }

    /// <summary>The same rule written as ArchUnitNET rules, one per namespace: its types depend on no type of a
    /// namespace at a higher level (or a neighbour at the same level).</summary>
    [Test]
    public void ArchUnitRulesAgree()
    {
        foreach (var (area, level) in Levels)
        {
            string[] forbidden = [.. Levels.Where(other => other.Key != area && other.Value >= level).Select(other => $"NeuralNet.{other.Key}")];
            var types = Trainer.Types.Where(t => t.Namespace?.FullName == $"NeuralNet.{area}" || (t.Namespace?.FullName ?? "").StartsWith($"NeuralNet.{area}.", StringComparison.Ordinal));
            if (!types.Any() || forbidden.Length == 0)
                continue; // Onnx may not exist yet; Cli is the top
            foreach (string other in forbidden)
                Types().That().ResideInNamespace($"NeuralNet.{area}").Should().NotDependOnAnyTypesThat().ResideInNamespace(other).Check(Trainer);
        }
    }

    /// <summary>The root namespace holds what every level may use (<see cref="InputException"/>): it depends on no
    /// level, so using it never drags one in (before, a layer that refused an argument depended on Data for it).</summary>
    [Test]
    public void TheRootNamespaceDependsOnNoLevel()
    {
        var root = Trainer.Types.Where(t => t.Namespace?.FullName == "NeuralNet" && t.Name != nameof(Program)).ToList();
        Assert.That(root.Select(t => t.Name), Does.Contain(nameof(InputException)));
        var used = root.SelectMany(t => t.Dependencies).Select(d => d.Target.Namespace?.FullName ?? "").Where(ns => Area(ns) is not null).Distinct();
        Assert.That(used, Is.Empty);
    }

    /// <summary>The command line parses, calls and prints: it names no layer, optimizer or loss, which the training
    /// pipeline (<see cref="NeuralNet.Training.TrainingPipeline"/>) builds from a request (issue 20).</summary>
    [Test]
    public void TheCommandLineNamesNoLayerOptimizerOrLoss()
    {
        string[] below = ["NeuralNet.Layers", "NeuralNet.Optimizers", "NeuralNet.Losses"];
        var naming = Trainer.Types.Where(t => t.Namespace?.FullName == "NeuralNet.Cli")
            .SelectMany(t => t.Dependencies.Where(d => d.Target is not GenericParameter && below.Contains(d.Target.Namespace?.FullName))
                .Select(d => $"{t.FullName} -> {d.Target.FullName}"))
            .Distinct().Order(StringComparer.Ordinal);
        Assert.That(naming, Is.Empty, "a Cli type that names a layer, optimizer or loss: call the training pipeline instead");
    }

    /// <summary>The check can fail: with Training placed below Layers (a fake order), Training's use of layers is reported.</summary>
    [Test]
    public void AViolationIsReported()
    {
        var wrong = new Dictionary<string, int>(Levels) { ["Training"] = 0 };

        var violations = Violations(Trainer, wrong);

        Assert.That(violations, Has.Some.Matches<string>(v => v.StartsWith("NeuralNet.Training.TrainingLoop -> NeuralNet.Layers.", StringComparison.Ordinal)));
        var fake = Types().That().ResideInNamespace("NeuralNet.Training").Should().NotDependOnAnyTypesThat().ResideInNamespace("NeuralNet.Layers");
        Assert.That(fake.HasNoViolations(Trainer), Is.False, "an ArchUnitNET rule against the real dependency fails");
    }

    /// <summary>"Origin -> Target" for each dependency from a namespace to one at its level or above.</summary>
    public static IReadOnlyList<string> Violations(ArchUnitNET.Domain.Architecture architecture, IReadOnlyDictionary<string, int> levels)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in architecture.Types)
        {
            if (Area((type.Namespace?.FullName ?? "")) is not { } from || !levels.TryGetValue(from, out int fromLevel))
                continue;
            // A generic parameter (the T of Dense<T>) is no dependency; ArchUnitNET files it under some type's namespace.
            foreach (var dependency in type.Dependencies.Where(d => d.Target is not GenericParameter))
            {
                if (Area(dependency.Target.Namespace?.FullName ?? "") is { } to && to != from && levels.TryGetValue(to, out int toLevel) && toLevel >= fromLevel)
                    found.Add($"{type.FullName} -> {dependency.Target.FullName}");
            }
        }
        return [.. found];
    }

    // "NeuralNet.Layers" and "NeuralNet.Layers.X" → "Layers"; other namespaces (System, the root) → null.
    private static string? Area(string ns) =>
        ns.StartsWith("NeuralNet.", StringComparison.Ordinal) ? ns["NeuralNet.".Length..].Split('.')[0] : null;
}
