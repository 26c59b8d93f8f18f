using System.Diagnostics;
using System.Text.RegularExpressions;
using NeuralNet.Tests.Readme;

namespace NeuralNet.Tests.Export;

/// <summary>The example of docs/pytorch.md runs: its shell block (train, then export --format safetensors)
/// in a fresh folder, then its Python block there with Debian's python3-torch, which goes on training the exported
/// model and prints the loss and the first rows' classes.</summary>
[NonParallelizable] // ExampleFolder changes the working directory
public sealed partial class TorchReadmeExampleTests
{
    [Test]
    public void The_python_example_goes_on_training_the_exported_model()
    {
        string section = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "pytorch.md")).ReplaceLineEndings("\n");
        string[] commands = [.. ShellBlock().Match(section).Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        string python = PythonBlock().Match(section).Groups["body"].Value;
        Assert.That(commands, Has.Length.EqualTo(2).And.All.StartWith("neuralnet "));
        Assert.That(python, Does.Contain("import iris"));

        using var folder = new ExampleFolder();
        foreach (string command in commands)
        {
            var run = folder.Trainer(command.Split(' ')[1..]);
            Assert.That(run.ExitCode, Is.Zero, $"{command}\n{run}");
        }
        File.WriteAllText(Path.Combine(folder.Path, "continue.py"), python);
        var start = new ProcessStartInfo(TorchPython.Python, ["continue.py"])
        {
            WorkingDirectory = folder.Path, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.Zero, error.Result);
        Assert.That(output, Does.Match(@"^loss 0\.\d{4}; first rows: \['setosa', 'setosa', 'setosa'\]\n$"));
    }

    [GeneratedRegex(@"```sh\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"```python\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();
}
