using NeuralNet.Cli;
using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

/// <summary>--cv spreads its folds over the --threads workers, one fold per worker, each fold on one thread: a
/// fold's figures do not depend on --threads nor on which worker took it when, and Ctrl+C stops the folds.</summary>
public sealed class CrossValidationWorkersTests
{
    // Wide enough that a batch of 32 is split across two workers in a plain training (batch × parameters over
    // ShardPlan.MinimumWork): a fold run on the whole pool would sum its gradients in another order than on one thread.
    private static readonly string[] Recipe = ["--cv", "5", "--epochs", "3", "--hidden", "512,512", "--batch-size", "32"];

    [Test]
    public void Fold_figures_are_the_same_for_any_threads_and_any_timing()
    {
        using var temp = new TempFolder();
        var runs = new[] { "1", "2", "2", "3" }.Select((threads, i) =>
        {
            string model = temp.File($"m{i}.json");
            return (Run: CliRun.Train([RepoPaths.Data("iris.csv"), .. Recipe, "--threads", threads, "--save", model]), Model: model);
        }).ToArray();

        foreach (var (run, _) in runs)
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
        // The model file records each fold's held-out figures in full precision, not rounded as printed.
        var folds = runs.Select(r => ModelSerializer.Load(r.Model).Run!.CrossValidation!.Folds).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(runs[0].Run.Line("cross-validation: "), Does.EndWith("preprocessing fitted per fold, 1 at a time: one per worker, each on one thread"));
            Assert.That(runs[3].Run.Line("cross-validation: "), Does.EndWith("preprocessing fitted per fold, 3 at a time: one per worker, each on one thread"));
            Assert.That(folds[0], Has.Count.EqualTo(5));
            Assert.That(folds[1], Is.EqualTo(folds[0]), "--threads 2");
            Assert.That(folds[2], Is.EqualTo(folds[0]), "--threads 2, again");
            Assert.That(folds[3], Is.EqualTo(folds[0]), "--threads 3");
            Assert.That(Printed(runs[1].Run), Is.EqualTo(Printed(runs[0].Run)));
        });
    }

    [Test]
    public void A_fold_split_over_two_workers_would_give_other_figures()
    {
        // What the test above rules out is real: the same recipe trained plainly (no --cv) on one and on two workers
        // ends with other weights, so equal fold figures on 1, 2 and 3 workers mean each fold ran on one thread
        // (checked: with each fold trained on the whole pool instead, the recorded fold figures differ).
        string[] plain = [RepoPaths.Data("iris.csv"), "--epochs", "3", "--hidden", "512,512", "--batch-size", "32"];
        var one = CliRun.Train([.. plain, "--threads", "1"]);
        var two = CliRun.Train([.. plain, "--threads", "2"]);

        Assert.That(two.Line("weights sha256"), Is.Not.EqualTo(one.Line("weights sha256")));
    }

    [Test]
    public void Ctrl_c_during_the_folds_stops_them_and_saves_nothing()
    {
        using var temp = new TempFolder();
        string model = temp.File("m.json");
        using var interrupt = new CancellationTokenSource();
        // Folds that never end on their own (no early stopping, a million epochs), interrupted 200 ms after their
        // start line: the interrupt lands in them, and not in a phase that ends the process at once (reading).
        using var output = new DelayedInterrupt("cross-validation: ", TimeSpan.FromMilliseconds(200), interrupt);

        var run = CliRun.Of(output, interrupt.Token, RepoPaths.Data("iris.csv"), "--cv", "5", "--epochs", "1000000", "--patience", "0",
            "--hidden", "8", "--threads", "2", "--blas", "managed", "--save", model);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Interrupted), run.ToString());
            Assert.That(run.Error, Is.EqualTo("interrupted during cross-validation; no model was trained or saved\n"));
            Assert.That(run.Output, Does.Not.Contain("fold 1/5"));
            Assert.That(File.Exists(model), Is.False);
        });
    }

    private sealed class DelayedInterrupt(string prefix, TimeSpan delay, CancellationTokenSource interrupt) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith(prefix, StringComparison.Ordinal) == true)
                interrupt.CancelAfter(delay);
        }
    }

    /// <summary>The printed fold lines and the mean ± std line without the seconds it ends with, which differ between runs.</summary>
    private static string[] Printed(CliRun run) => [.. run.Output.Split('\n')
        .Where(line => line.StartsWith("fold ", StringComparison.Ordinal) || line.StartsWith("cross-validation mean", StringComparison.Ordinal))
        .Select(line => line.StartsWith("cross-validation mean", StringComparison.Ordinal) ? line[..line.LastIndexOf(" (", StringComparison.Ordinal)] : line)];
}
