using NeuralNet.Cli;
using Spectre.Console;

namespace NeuralNet.Tests.Cli;

public class EpochBarTests
{
    [Test]
    public void A_fast_run_with_no_progress_callback_still_names_the_next_epoch_at_every_epoch_end()
    {
        var task = new ProgressTask(0, EpochBar.Describe(1, 5), 1);
        var bar = new EpochBar(task, 5);

        bar.OnEpochEnd(1);
        bar.OnEpochEnd(2);

        Assert.That(task.Description, Is.EqualTo("epoch 3/5"));
        Assert.That(task.Value, Is.Zero);
    }

    [Test]
    public void A_progress_report_fills_the_bar_and_the_epoch_end_empties_it_for_the_next()
    {
        var task = new ProgressTask(0, EpochBar.Describe(1, 3), 1);
        var bar = new EpochBar(task, 3);

        bar.OnProgress(60, 120);
        Assert.That((task.Description, task.Value, task.MaxValue), Is.EqualTo(("epoch 1/3", 60.0, 120.0)));

        bar.OnProgress(120, 120);
        bar.OnEpochEnd(1);
        Assert.That((task.Description, task.Value), Is.EqualTo(("epoch 2/3", 0.0)));
    }

    [Test]
    public void After_the_last_epoch_the_bar_stays_full_on_it()
    {
        var task = new ProgressTask(0, EpochBar.Describe(1, 2), 1);
        var bar = new EpochBar(task, 2);

        bar.OnProgress(120, 120);
        bar.OnEpochEnd(1);
        bar.OnEpochEnd(2);

        Assert.That((task.Description, task.Value, task.MaxValue), Is.EqualTo(("epoch 2/2", 120.0, 120.0)));
    }
}
