using NeuralNet.Cli;

namespace NeuralNet.Tests.Cli;

/// <summary>Options that were accepted and then ignored without a word (issue 22): each is now one line, exit 2,
/// or, where harmless, a notice.</summary>
public sealed class IgnoredOptionTests
{
    private static void AssertRefused(CliRun run, string message)
    {
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Error, Is.EqualTo($"error: {message}\n"));
    }

    [TestCase(new[] { "--optimizer", "adam", "--momentum", "0.5" }, "--momentum is SGD's; --optimizer adam does not use it; leave it out, or use --optimizer sgd")]
    [TestCase(new[] { "--optimizer", "adamw", "--nesterov", "--momentum", "0.9" }, "--momentum is SGD's; --optimizer adamw does not use it; leave it out, or use --optimizer sgd")]
    [TestCase(new[] { "--optimizer", "sgd", "--beta1", "0.8" }, "--beta1 is Adam's and AdamW's; --optimizer sgd does not use it; leave it out, or use --optimizer adam or adamw")]
    [TestCase(new[] { "--lr-schedule", "constant", "--lr-gamma", "0.5" }, "--lr-gamma is the step schedule's; --lr-schedule constant does not use it; leave it out, or use --lr-schedule step")]
    [TestCase(new[] { "--lr-schedule", "step", "--lr-factor", "0.5" }, "--lr-factor is the plateau schedule's; --lr-schedule step does not use it; leave it out, or use --lr-schedule plateau")]
    [TestCase(new[] { "--lr-step-epochs", "5" }, "--lr-step-epochs is the step schedule's, which is used only when asked for; add --lr-schedule step")]
    public void An_option_of_another_optimizer_or_schedule_is_refused(string[] options, string message) =>
        AssertRefused(CliRun.Train([RepoPaths.Data("iris.csv"), .. options]), message);

    [Test]
    public void Class_weight_on_a_regression_is_refused() =>
        AssertRefused(CliRun.Train(RepoPaths.Data("diabetes.csv"), "--class-weight", "balanced"),
            "--class-weight balanced weighs classes, but 'progression' is a regression target; leave it out, or pass --task classification");

    [TestCase("--optimizer", "rmsprop", "--optimizer: Argument 'rmsprop' not recognized. Must be one of: 'adam' 'adamw' 'sgd' (see --help)")]
    [TestCase("--missing", "zero", "--missing: Argument 'zero' not recognized. Must be one of: 'error' 'mean' 'median' 'drop-rows' (see --help)")]
    public void A_value_outside_an_options_choices_names_the_option(string option, string value, string message) =>
        AssertRefused(CliRun.Train(RepoPaths.Data("iris.csv"), option, value), message);

    [Test]
    public void A_number_with_a_no_break_space_is_refused_as_in_a_cell() =>
        AssertRefused(CliRun.Train(RepoPaths.Data("iris.csv"), "--lr", "0.1\u00A0"), "--lr must be a number in (0, 1000], not '0.1\u00A0' (see --help)");

    [Test]
    public void Missing_error_refuses_a_column_with_no_value()
    {
        using var folder = new TempFolder();
        var rows = Enumerable.Range(0, 30).Select(i => $"{i % 7},,{i % 2}");
        string data = folder.File("empty.csv", "x,blank,y\n" + string.Join("\n", rows) + "\n");

        AssertRefused(CliRun.Train(data, "--missing", "error"),
            $"{data}: column 'blank' (column 2) has no value in any row (empty, NA, N/A, NaN, null, None or ?); --missing error refuses missing values; leave it out with --drop blank");
    }

    [Test]
    public void A_validation_share_that_holds_out_more_rows_than_it_trains_on_is_noticed()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--val-split", "0.9");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Line("split: --val-split"), Is.EqualTo("split: --val-split 0.9 holds out 135 rows and trains on 15: more rows held out than trained on"));
    }

    [TestCase(new[] { "--categorical", "sepal_length" }, "--categorical sepal_length contradicts the resumed model {0}, which reads 'sepal_length' as numbers; leave --categorical out when resuming")]
    [TestCase(new[] { "--numeric", "species" }, "--numeric species contradicts the resumed model {0}, which has no feature column 'species'; leave --numeric out when resuming")]
    [TestCase(new[] { "--unknown-category", "error" }, "--unknown-category error contradicts the resumed model {0}, which was trained with --unknown-category ignore; leave --unknown-category out when resuming")]
    [TestCase(new[] { "--drop", "petal_width" }, "--drop petal_width contradicts the resumed model {0}, which dropped no column with --drop (it left out 'id' itself, as ID-like or constant); leave --drop out when resuming")]
    public void A_resume_option_that_contradicts_the_model_is_refused(string[] options, string message)
    {
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(RepoPaths.Data("iris.csv"));
        string data = folder.File("iris-id.csv", string.Join('\n', lines.Select((l, i) => (i == 0 ? "id" : $"{i}") + "," + l)) + "\n");
        string model = folder.File("m.json");
        Assert.That(CliRun.Train(data, "--save", model).ExitCode, Is.Zero);

        var run = CliRun.Train([data, "--resume", model, .. options]);

        AssertRefused(run, string.Format(System.Globalization.CultureInfo.InvariantCulture, message, model));
    }
}
