using System.Text.RegularExpressions;
using NeuralNet.Layers;

namespace NeuralNet.Tests.Layers;

/// <summary>
/// Everything about a layer lives in its file: no source file of the trainer outside <c>Trainer/Layers/</c> names a
/// registered layer class (<c>Dense&lt;float&gt;</c>, <c>is ReLU&lt;T&gt;</c>, <c>new Swish&lt;double&gt;(…)</c>). Code
/// elsewhere goes through <see cref="Layer{T}"/> and <see cref="LayerRegistry"/>, so a
/// new layer needs no switch extended anywhere. The class names come from the registry.
/// </summary>
public class LayerIsolationTests
{
    private static readonly string TrainerFolder = Path.Combine(RepoPaths.Root, "Trainer");

    [Test]
    public void NoSourceFileOutsideLayersNamesAConcreteLayerType()
    {
        var names = LayerRegistry.All.Select(layer => layer.Definition.Name.Split('`')[0]).ToArray();
        var reference = ConcreteTypeReference(names);
        var offenders = SourceFilesOutsideLayers()
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => reference.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.That(names, Does.Contain("Dense").And.Contain("ReLU"), "the registry lists the layer classes");
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void TheScanFindsAConcreteLayerTypeWhereOneIsNamed()
    {
        var reference = ConcreteTypeReference(["Dense", "ReLU"]);

        Assert.Multiple(() =>
        {
            Assert.That(reference.IsMatch("        Dense<float> dense => $\"dense {dense.OutputSize}\","), Is.True);
            Assert.That(reference.IsMatch("model.Layers.OfType<Dense<float>>()"), Is.True);
            Assert.That(reference.IsMatch("var relu = new ReLU<double>(4);"), Is.True);
            Assert.That(reference.IsMatch("if (layer is ReLU<T> relu)"), Is.True);
            // MathNet's builder and a kernel method of the same name are not layer types.
            Assert.That(reference.IsMatch("Matrix<float>.Build.Dense(4, 3)"), Is.False);
            Assert.That(reference.IsMatch("Activations.GeneralizedRelu<T>(x, y)"), Is.False);
        });
    }

    // Name<…> not preceded by '.' or a letter (a member access such as Build.Dense), and not followed by '(' unless
    // after 'new' (a generic method such as Activations.Relu<T>( declared in Kernels).
    private static Regex ConcreteTypeReference(IEnumerable<string> names) =>
        new($@"(?<![.\w])(new\s+)?(?:{string.Join('|', names.Select(Regex.Escape))})<[^<>()]*(<[^<>()]*>)?[^<>()]*>(?(1)|(?!\s*\())");

    private static IEnumerable<string> SourceFilesOutsideLayers() =>
        Directory.EnumerateFiles(TrainerFolder, "*.cs", SearchOption.AllDirectories)
            .Where(file =>
            {
                string relative = Path.GetRelativePath(TrainerFolder, file).Replace('\\', '/');
                return !relative.StartsWith("Layers/", StringComparison.Ordinal)
                    && !relative.StartsWith("bin/", StringComparison.Ordinal)
                    && !relative.StartsWith("obj/", StringComparison.Ordinal);
            });
}
