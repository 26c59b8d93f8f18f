using System.Text.RegularExpressions;
using NeuralNet.Models;
using NeuralNet.Tests.Export;

namespace NeuralNet.Tests.Cli;

/// <summary>The recipe's ensemble: fold members trained side by side and saved as one averaging model.</summary>
public sealed partial class EnsembleRunTests
{
    private TempFolder _temp = null!;

    [SetUp]
    public void CreateFolder() => _temp = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test]
    public void No_flags_on_a_small_table_train_five_fold_members_saved_as_one_model_that_predicts_and_exports()
    {
        string model = _temp.File("iris.json");
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--epochs", "20", "--save", model);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("\npicked: ensemble of 5: 150 rows, under 10,000\n"));
        Assert.That(run.Output, Does.Contain("split: 150 rows in 5 stratified folds (seed 0)"));
        Assert.That(run.Output.Split('\n').Count(l => MemberLine().IsMatch(l)), Is.EqualTo(5), run.Output);
        var saved = ModelSerializer.Load(model);
        Assert.That(saved.Network.Spec, Is.EqualTo("ensemble:5(dense:256,relu,dense:128,relu,dense:3)"));
        Assert.That(saved.Run!.Picked, Has.Member("ensemble of 5: 150 rows, under 10,000"));

        var (predict, onnx) = OnnxParity.Both(_temp, model, RepoPaths.Data("iris.csv"));
        Assert.That(onnx.Labels, Is.EqualTo(predict.Labels));
        Assert.That(OnnxParity.WorstDifference(predict.Values, onnx.Values, saved.Preprocessing), Is.LessThanOrEqualTo(1e-5));
    }

    [Test]
    public void The_members_give_the_same_weights_on_one_worker_and_on_two()
    {
        string Hash(string threads) => WeightsHash().Match(CliRun.Of(RepoPaths.Data("wine.csv"), "--epochs", "6", "--threads", threads,
            "--save", _temp.File($"wine-{threads}.json")).Output).Groups[1].Value;

        string one = Hash("1");
        Assert.That(one, Has.Length.EqualTo(64));
        Assert.That(Hash("2"), Is.EqualTo(one));
    }

    [Test]
    public void A_network_given_by_hidden_is_trained_as_it_is_unless_an_ensemble_is_asked_for()
    {
        var single = CliRun.Of(RepoPaths.Data("iris.csv"), "--hidden", "8", "--epochs", "2", "--save", _temp.File("one.json"));
        Assert.That(single.Line("model:"), Does.StartWith("model: 4 → dense 8 → relu → dense 3"));
        Assert.That(single.Line("split:"), Is.EqualTo("split: 120 train, 30 validation (stratified, seed 0)"));

        var three = CliRun.Of(RepoPaths.Data("iris.csv"), "--hidden", "8", "--ensemble", "3", "--epochs", "2", "--save", _temp.File("three.json"));
        Assert.That(three.Line("model:"), Does.StartWith("model: ensemble of 3 members, each 4 → dense 8 → relu → dense 3"));
        Assert.That(ModelSerializer.Load(_temp.File("three.json")).Network.Spec, Is.EqualTo("ensemble:3(dense:8,relu,dense:3)"));
    }

    [Test]
    public void Too_few_rows_for_five_folds_train_one_network()
    {
        string path = _temp.File("tiny.csv");
        File.WriteAllLines(path, ["x,y", .. Enumerable.Range(0, 20).Select(i => $"{i},{(i % 2 == 0 ? "a" : "b")}")]);

        var run = CliRun.Of(path, "--epochs", "2", "--save", _temp.File("tiny.json"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("picked: one network: 20 rows are too few for 5 folds of 5"));
        Assert.That(run.Line("split:"), Is.EqualTo("split: 16 train, 4 validation (stratified, seed 0)"));
    }

    [TestCase("--ensemble 2 --val-split 0", "error: --ensemble validates each member on its own fold of the rows; it needs --val-split greater than 0 (0.2: five folds)")]
    [TestCase("--warmup 3", "error: --warmup is the cosine schedule's; add --lr-schedule cosine, or leave it out")]
    public void Options_the_ensemble_or_schedule_cannot_use_are_refused_in_one_line(string options, string error)
    {
        var run = CliRun.Of([RepoPaths.Data("iris.csv"), .. options.Split(' '), "--save", _temp.File("m.json")]);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Is.EqualTo(error + Environment.NewLine));
    }

    [Test]
    public void Label_smoothing_on_a_regression_is_refused_in_one_line()
    {
        var run = CliRun.Of(RepoPaths.Data("diabetes.csv"), "--label-smoothing", "0.1", "--save", _temp.File("m.json"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Is.EqualTo("error: --label-smoothing smooths class targets, but 'progression' is a regression target; leave it out, or pass --task classification" + Environment.NewLine));
    }

    [GeneratedRegex(@"^member [1-5]/5: epoch \d+ of \d+ kept: val_loss \d\.\d{4}  val_acc \d\.\d{4}$")]
    private static partial Regex MemberLine();

    [GeneratedRegex("weights sha256 ([0-9a-f]{64})")]
    private static partial Regex WeightsHash();
}
