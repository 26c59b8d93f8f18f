using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Benchmarks;

/// <summary><c>quality --tables DIR</c> runs the tables a folder's targets.tsv lists (the held-out tables of
/// Trainer.Benchmarks/holdout-tables.sh) instead of the benchmark's own; checked with <c>--check</c>, which parses
/// the arguments and lists the files without running anything.</summary>
public sealed class QualityTablesTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void WriteTables()
    {
        _temp = new TempFolder();
        File.WriteAllText(Path.Combine(_temp.Path, "targets.tsv"), "file\ttarget\ttask\nalpha.csv\ty\tregression\nbeta.csv\tclass\tclassification\n");
        File.WriteAllText(Path.Combine(_temp.Path, "alpha.csv"), "x,y\n1,2\n");
    }

    [TearDown]
    public void DeleteTables() => _temp.Dispose();

    [Test]
    public void TheFoldersTablesAreTheDatasetsAndAMissingOneIsNamed()
    {
        var (code, output, error) = Run("--check", "quality", "--tables", _temp.Path, "--sklearn", "skip");

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain($"  needs {_temp.Path}/alpha.csv: present"));
        Assert.That(output, Does.Contain($"  needs {_temp.Path}/beta.csv: missing; the --tables folder's targets.tsv lists it"));
        Assert.That(output, Does.Not.Contain("iris.csv"), "the benchmark's own datasets are not run with --tables");
    }

    [Test]
    public void DatasetsNameTheFoldersTables()
    {
        var (code, output, _) = Run("--check", "quality", "--tables", _temp.Path, "--datasets", "beta", "--sklearn", "skip");

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("beta.csv").And.Not.Contain("alpha.csv"));
    }

    [Test]
    public void ABenchmarkDatasetIsNotOneOfTheFoldersTables()
    {
        var (code, _, error) = Run("--check", "quality", "--tables", _temp.Path, "--datasets", "iris");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: quality: unknown dataset iris; the datasets are alpha, beta"));
    }

    [Test]
    public void AFolderWithoutTargetsIsListedAsMissingWithTheScriptThatMakesIt()
    {
        File.Delete(Path.Combine(_temp.Path, "targets.tsv"));

        var (code, output, error) = Run("--check", "quality", "--tables", _temp.Path);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain($"  needs {_temp.Path}/targets.tsv: missing; make the tables with bash Trainer.Benchmarks/holdout-tables.sh {_temp.Path}"));
        Assert.That(output, Does.Not.Contain("alpha.csv"), "no table is listed without the list");
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = NeuralNet.Benchmarks.Program.Run(args, output, error, RepoPaths.Root);
        return (code, output.ToString(), error.ToString());
    }
}
