using System.Globalization;
using System.Text;
using NeuralNet.Tests.Cli;
using NeuralNet.Tests.Export;

namespace NeuralNet.Tests.Readme;

/// <summary>
/// Where an example runs: a temporary folder standing for the root of a fresh clone (a copy of data/'s committed
/// files), and the working directory while it lives, so the example's relative paths and the trainer's default
/// runs/ folder land in it. The lines that make the git-ignored datasets are emulated at a small size (running them
/// would take minutes): <see cref="MakeFashionMnist"/> and <see cref="MakeSynthetic"/>.
/// </summary>
public sealed class ExampleFolder : IDisposable
{
    private readonly string _previous = Environment.CurrentDirectory;

    public ExampleFolder()
    {
        Path = Directory.CreateTempSubdirectory("neuralnet-readme-").FullName;
        string data = Directory.CreateDirectory(System.IO.Path.Combine(Path, "data")).FullName;
        foreach (string file in Directory.GetFiles(System.IO.Path.Combine(RepoPaths.Root, "data")))
            File.Copy(file, System.IO.Path.Combine(data, System.IO.Path.GetFileName(file)));
        Environment.CurrentDirectory = Path;
    }

    public string Path { get; }

    /// <summary>The shared folder beside the repository (reference scripts, dataset scripts), where this machine has it.</summary>
    public static string? SharedFolder =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoPaths.Root, "..", "shared")) is var shared && Directory.Exists(shared) ? shared : null;

    /// <summary>Runs the trainer in-process with <paramref name="args"/>, relative paths read from this folder (the
    /// working directory). An output in a folder the repository has (docs/images/) gets that folder here first, as
    /// the command has it in a clone.</summary>
    public CliRun Trainer(string[] args)
    {
        foreach (string arg in args.Where(a => !a.StartsWith('-') && !System.IO.Path.IsPathRooted(a)))
        {
            string? folder = System.IO.Path.GetDirectoryName(arg);
            if (!string.IsNullOrEmpty(folder) && Directory.Exists(System.IO.Path.Combine(RepoPaths.Root, folder)))
                Directory.CreateDirectory(System.IO.Path.Combine(Path, folder));
        }
        return CliRun.Of(args);
    }

    /// <summary>What <c>bash ../shared/datasets/fashion-mnist.sh data/fashion-mnist</c> makes, small: the first
    /// 600 training and 200 test rows of this machine's files, or rows in their layout (label, pixel1..pixel784) when
    /// it has none.</summary>
    public void MakeFashionMnist()
    {
        CheckScript("datasets/fashion-mnist.sh");
        string fashion = Directory.CreateDirectory(System.IO.Path.Combine(Path, "data", "fashion-mnist")).FullName;
        foreach (var (name, rows) in new[] { ("fashion-mnist_train.csv", 600), ("fashion-mnist_test.csv", 200) })
        {
            string real = RepoPaths.Data(System.IO.Path.Combine("fashion-mnist", name));
            string target = System.IO.Path.Combine(fashion, name);
            if (File.Exists(real))
                File.WriteAllLines(target, File.ReadLines(real).Take(rows + 1));
            else
                File.WriteAllText(target, FashionLayout(rows));
        }
    }

    /// <summary>What <c>/usr/bin/python3 ../shared/datasets/synthetic.py data/synthetic</c> makes that the examples
    /// read: passengers.csv, this machine's file or a Titanic-like table of the same columns.</summary>
    public void MakeSynthetic()
    {
        CheckScript("datasets/synthetic.py");
        string target = System.IO.Path.Combine(Directory.CreateDirectory(System.IO.Path.Combine(Path, "data", "synthetic")).FullName, "passengers.csv");
        string real = RepoPaths.Data("synthetic/passengers.csv");
        if (File.Exists(real))
            File.Copy(real, target);
        else
            File.WriteAllText(target, TabularFiles.Passengers(1100, seed: 14));
    }

    /// <summary>A script of the shared folder that an example names must be there, on a machine that has the folder.</summary>
    public static void CheckScript(string relative)
    {
        if (SharedFolder is { } shared)
            Assert.That(System.IO.Path.Combine(shared, relative), Does.Exist, $"the example names ../shared/{relative}");
    }

    public void Dispose()
    {
        Environment.CurrentDirectory = _previous;
        Directory.Delete(Path, recursive: true);
    }

    private static string FashionLayout(int rows)
    {
        var random = new Random(rows);
        var text = new StringBuilder("label," + string.Join(',', Enumerable.Range(1, 784).Select(i => $"pixel{i}")) + "\n");
        for (int row = 0; row < rows; row++)
            text.AppendLine(CultureInfo.InvariantCulture, $"{row % 10},{string.Join(',', Enumerable.Range(0, 784).Select(_ => random.Next(256)))}");
        return text.ToString();
    }
}
