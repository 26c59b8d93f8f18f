using System.Text.RegularExpressions;

namespace NeuralNet.Tests.Cli;

/// <summary>
/// --missing for predict and evaluate: a scored file can only be filled with the values the model learned, so
/// naming the other statistic is refused in one line (it used to be accepted and ignored: medians given for a mean);
/// the model's own statistic is accepted, error refuses a gap, drop-rows leaves its row out.
/// </summary>
public class ScoringMissingTests
{
    private const string Header = "sepal_length,sepal_width,petal_length,petal_width";

    private TempFolder _temp = null!;
    private string _median = null!;
    private string _mean = null!;
    private string _strict = null!;
    private string _gaps = null!;

    [OneTimeSetUp]
    public void TrainModels()
    {
        _temp = new TempFolder();
        _median = Train("median");
        _mean = Train("mean");
        _strict = Train("error");
        _gaps = _temp.File("gaps.csv", $"{Header},species\n5.1,3.5,1.4,0.2,setosa\n6.2,,4.5,1.5,versicolor\n6.3,3.3,6.0,2.5,virginica\n");
    }

    [OneTimeTearDown]
    public void Clean() => _temp.Dispose();

    private string Train(string missing)
    {
        string model = _temp.File($"{missing}.model.json");
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--missing", missing, "--save", model);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return model;
    }

    private string Model(string name) => name switch
    {
        "median" => _median,
        "mean" => _mean,
        _ => _strict,
    };

    [TestCase("predict", "median", "mean")]
    [TestCase("predict", "mean", "median")]
    [TestCase("evaluate", "median", "mean")]
    [TestCase("evaluate", "mean", "median")]
    public void TheOtherStatisticThanTheModelsIsRefused(string verb, string trained, string asked)
    {
        string model = Model(trained);

        var run = CliRun.Of(verb, model, _gaps, "--missing", asked);

        Assert.That(run.Error, Is.EqualTo($"error: --missing {asked} contradicts the model {model}, which was trained with --missing {trained}: it fills a missing value "
            + $"with the training rows' {trained} (a text column's missing values are a category of their own), learned then; leave --missing out to fill with those, or use --missing error or drop-rows\n"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Output, Is.Empty);
    }

    [TestCase("predict", "median")]
    [TestCase("predict", "mean")]
    [TestCase("evaluate", "median")]
    [TestCase("evaluate", "mean")]
    public void TheModelsOwnStatisticIsAcceptedAndFillsAsLeavingItOutDoes(string verb, string trained)
    {
        var given = CliRun.Of(verb, Model(trained), _gaps, "--missing", trained);
        var left = CliRun.Of(verb, Model(trained), _gaps);

        Assert.That(given.ExitCode, Is.Zero, given.ToString());
        Assert.That(given.Output, Is.EqualTo(left.Output));
        Assert.That(given.Output, Does.Contain(verb == "predict" ? "\n" : "3 rows"));
    }

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void MeanOrMedianForAModelThatLearnedNoFillIsRefused(string verb)
    {
        var run = CliRun.Of(verb, _strict, _gaps, "--missing", "mean");

        Assert.That(run.Error, Is.EqualTo($"error: --missing mean: the model {_strict} was trained with --missing error and learned no values to fill with; "
            + "use --missing drop-rows to leave the rows with a missing value out, or train a model with --missing mean\n"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
    }

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void ErrorRefusesAGapEvenForAModelThatFills(string verb)
    {
        var run = CliRun.Of(verb, _median, _gaps, "--missing", "error");

        Assert.That(run.Error, Is.EqualTo($"error: {_gaps}: 1 missing value (empty, NA, N/A, NaN, null, None or ?); the first at line 3, column 2 ('sepal_width'); "
            + "--missing error refuses them: leave it out to fill them with the values the model learned, or use --missing drop-rows to leave those rows out\n"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public void DropRowsLeavesTheRowOutForAModelThatFills()
    {
        var dropped = CliRun.Of("predict", _median, _gaps, "--missing", "drop-rows");
        var evaluated = CliRun.Of("evaluate", _median, _gaps, "--missing", "drop-rows");

        Assert.That(dropped.ExitCode, Is.Zero, dropped.ToString());
        Assert.That(dropped.Output.TrimEnd().Split('\n'), Has.Length.EqualTo(4), "header and one row per input row, the one left out empty");
        Assert.That(dropped.Output.TrimEnd().Split('\n')[2], Is.EqualTo(",,,"));
        Assert.That(evaluated.Output, Does.Contain($"data: {_gaps}: 2 rows"));
    }

    [TestCase("predict")]
    [TestCase("evaluate")]
    public void HelpSaysTheModelsFillIsTheDefault(string verb)
    {
        string help = Regex.Replace(CliRun.Of(verb, "--help").Output, @"\s+", " ");

        Assert.That(help, Does.Contain("--missing <drop-rows|error|mean|median> Missing values (empty, NA, NaN, null, ?) in DATA.csv: a model trained with --missing mean or median fills them "
            + "with the values it learned then (asking for the other statistic is an error); error stops; drop-rows leaves those rows out [default: the model's fill; error for a model trained with error or drop-rows]"));
        Assert.That(help, Does.Not.Contain("[default: median]"));
    }
}
