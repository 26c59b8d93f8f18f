using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Models;

namespace NeuralNet.Tests.Cli;

/// <summary>predict keeps what identifies a row (--id, or the columns training found ID-like), and the
/// --unknown-category given in training travels with the model.</summary>
public class PredictIdTests
{
    private const string Header = "PassengerId,Pclass,Sex,Age,Embarked,Survived\n";
    private TempFolder _temp = null!;

    [SetUp]
    public void CreateDirectory() => _temp = new TempFolder();

    [TearDown]
    public void DeleteDirectory() => _temp.Dispose();

    [Test]
    public void ByDefaultTheColumnsTrainingFoundIdLikeAreKept()
    {
        string model = Train();
        Assert.That(ModelSerializer.Load(model).Preprocessing.IdColumns, Is.EqualTo(new[] { "PassengerId" }));

        var result = CliRun.Of("predict", model, Scoring("S"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.That(lines[0], Is.EqualTo("PassengerId,Survived,p_no,p_yes"));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "901", "902" }));
    }

    [Test]
    public void AShuffledIdColumnIsIdLikeTooAndKeptByPredict()
    {
        // PassengerId as a permutation of 1..120, as in a file sorted by another column.
        var random = new Random(4);
        var ids = Enumerable.Range(1, 120).OrderBy(_ => random.Next()).ToArray();
        var rows = ids.Select(id => FormattableString.Invariant($"{id},{random.Next(1, 4)},{(random.Next(2) == 0 ? "female" : "male")},{random.Next(1, 70)},{"SCQ"[random.Next(3)]},{(random.Next(2) == 0 ? "yes" : "no")}"));
        string data = _temp.File("shuffled.csv", Header + string.Join("\n", rows) + "\n");
        string model = _temp.File("shuffled.json");

        var train = CliRun.Of(data, "--epochs", "1", "--save", model, "--missing", "median");

        Assert.That(train.ExitCode, Is.Zero, train.ToString());
        Assert.That(train.Line("dropped: PassengerId"), Is.EqualTo("dropped: PassengerId: ID-like: a different integer in every row of a column named like an ID"));
        Assert.That(CliRun.Of("predict", model, Scoring("S")).Output, Does.StartWith("PassengerId,Survived,"));
    }

    [Test]
    public void IdNamesColumnsRepeatablyAndSeparatedByCommasFeaturesIncluded()
    {
        string model = Train();

        var result = CliRun.Of("predict", model, Scoring("S"), "--id", "Sex,PassengerId", "--id", "Age");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.That(lines[0], Is.EqualTo("Sex,PassengerId,Age,Survived,p_no,p_yes"));
        Assert.That(lines[1], Does.StartWith("female,901,30.5,"));
        Assert.That(lines[2], Does.StartWith("male,902,,"));
    }

    [Test]
    public void AnIdColumnTheFileLacksIsOneLine()
    {
        string model = Train();
        string scoring = Scoring("S");

        var result = CliRun.Of("predict", model, scoring, "--id", "Ticket");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Is.EqualTo($"error: {scoring}: there is no column 'Ticket' (--id); the columns are PassengerId, Pclass, Sex, Age, Embarked\n"));
    }

    [Test]
    public void UnknownCategoryIgnoreGivenInTrainingIsUsedByPredictAndEvaluate()
    {
        string model = Train("--unknown-category", "ignore");
        Assert.That(ModelSerializer.Load(model).Preprocessing.UnknownCategory, Is.EqualTo(UnknownCategoryPolicy.Ignore));

        var predict = CliRun.Of("predict", model, Scoring("X"));
        var evaluate = CliRun.Of("evaluate", model, _temp.File("labelled.csv", Header + "901,1,female,30.5,X,yes\n902,3,male,40,S,no\n"));

        Assert.That(predict.ExitCode, Is.Zero, predict.ToString());
        Assert.That(evaluate.ExitCode, Is.Zero, evaluate.ToString());
        // The command line still decides when it says so.
        var strict = CliRun.Of("predict", model, Scoring("X"), "--unknown-category", "error");
        Assert.That(strict.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(strict.Error, Does.Contain("'X' in column 'Embarked' is a category the training data did not have"));
    }

    [Test]
    public void AModelTrainedWithTheDefaultIgnoresAnUnknownCategoryUnlessPredictRefusesIt()
    {
        // Training's default is ignore (issue 13); the model keeps it for predict.
        string model = Train();
        Assert.That(ModelSerializer.Load(model).Preprocessing.UnknownCategory, Is.EqualTo(UnknownCategoryPolicy.Ignore));

        var strict = CliRun.Of("predict", model, Scoring("X"), "--unknown-category", "error");
        var ignoring = CliRun.Of("predict", model, Scoring("X"));

        Assert.That(strict.ExitCode, Is.EqualTo(ExitCodes.BadInput), strict.ToString());
        Assert.That(ignoring.ExitCode, Is.Zero, ignoring.ToString());
    }

    [Test]
    public void ANumericFeatureAskedForAsAnIdIsCopiedAsWritten()
    {
        string model = Train();
        string scoring = _temp.File("ids.csv", "PassengerId,Pclass,Sex,Age,Embarked\n901,1,female,30.50,S\n902,3,male,16777217,S\n903,2,male,1e2,C\n");

        var result = CliRun.Of("predict", model, scoring, "--id", "Age");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output.TrimEnd().Split('\n').Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "30.50", "16777217", "1e2" }));
    }

    [TestCase("Survived", "the predicted class")]
    [TestCase("p_yes", "a class's probability")]
    public void AnIdNamedAsAnOutputColumnIsRefused(string id, string what)
    {
        string model = Train();
        string scoring = _temp.File("clash.csv", $"PassengerId,Pclass,Sex,Age,Embarked,{id}\n901,1,female,30.5,S,a\n");

        var result = CliRun.Of("predict", model, scoring, "--id", id);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(result.Error, Is.EqualTo($"error: --id {id}: the predictions have a column '{id}' of their own ({what}), and two columns of one name could not be told apart; copy another column as the ID, or rename this one in the file\n"));
    }

    [Test]
    public void AColumnNamedLikeAFeatureButForItsCaseIsRefusedNotReadAsIt()
    {
        string model = Train();
        string scoring = _temp.File("case.csv", "PassengerId,Pclass,SEX,Age,Embarked\n901,1,female,30.5,S\n");

        var predict = CliRun.Of("predict", model, scoring);
        var evaluate = CliRun.Of("evaluate", model, scoring);

        Assert.That(predict.ExitCode, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(predict.Error, Is.EqualTo($"error: {scoring}: the feature column 'Sex' the model was trained with is missing (the file's column 'SEX' differs from it only in case; a model's columns are matched exactly: rename it); the columns are PassengerId, Pclass, SEX, Age, Embarked\n"));
        Assert.That(evaluate.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    private string Train(params string[] options)
    {
        var random = new Random(2);
        var rows = Enumerable.Range(1, 120).Select(i =>
        {
            bool female = random.Next(2) == 0;
            string survived = female ^ (random.NextDouble() < 0.2) ? "yes" : "no";
            return FormattableString.Invariant($"{i},{random.Next(1, 4)},{(female ? "female" : "male")},{random.Next(1, 70)},{"SCQ"[random.Next(3)]},{survived}");
        });
        string data = _temp.File("passengers.csv", Header + string.Join("\n", rows) + "\n");
        string model = _temp.File("m.json");
        var result = CliRun.Of([data, "--epochs", "2", "--save", model, "--missing", "median", .. options]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return model;
    }

    // Two passengers to score, the first embarked at <paramref name="port"/>, the second with no age.
    private string Scoring(string port) =>
        _temp.File($"new-{port}.csv", $"PassengerId,Pclass,Sex,Age,Embarked\n901,1,female,30.5,{port}\n902,3,male,,S\n");
}
