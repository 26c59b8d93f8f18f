using NeuralNet.Data;

namespace NeuralNet.Tests.Data;

/// <summary>Text columns become one-hot blocks; ID-like, constant and --drop columns are left out with a reason;
/// several targets make a multi-output regression.</summary>
public sealed class ColumnTests
{
    private TempCsv _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new TempCsv();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    private PreparedData Prepare(string text, DataOptions? options = null, string? target = null, TaskKind? task = null) =>
        PreparedData.Load(_files.Write("train.csv", text), target?.Split(','), task, 0, new Random(1), options ?? DataOptions.Default);

    // As train --test reads it: after training, with the preprocessing fitted on the training file.
    private Dataset PrepareTest(string text, string test, DataOptions? options = null) =>
        PreparedData.LoadTest(Prepare(text, options).Preprocessing, _files.Write("test.csv", test), options ?? DataOptions.Default, fittedNow: true);

    [Test]
    public void Encodes_a_text_column_one_hot_with_the_training_categories()
    {
        var data = Prepare("x,colour,y\n1,red,0\n2,blue,1\n3,red,0\n4,green,1\n");
        var prep = data.Preprocessing;

        Assert.Multiple(() =>
        {
            Assert.That(prep.Features[1].Categories, Is.EqualTo(new[] { "blue", "green", "red" }));
            Assert.That(prep.InputCount, Is.EqualTo(4));
            // Row 2 (blue): the standardised x, then one-hot [1, 0, 0].
            Assert.That(data.Train.Sample(1).Slice(1, 3).ToArray(), Is.EqualTo(new[] { 1f, 0f, 0f }));
            Assert.That(data.Train.Sample(3).Slice(1, 3).ToArray(), Is.EqualTo(new[] { 0f, 1f, 0f }));
        });
    }

    [Test]
    public void Refuses_an_unseen_category_in_the_test_file()
    {
        var error = Assert.Throws<InputException>(() => PrepareTest("x,colour,y\n1,red,0\n2,blue,1\n3,red,1\n", "x,colour,y\n1,red,0\n2,purple,1\n"));

        Assert.That(error.Message, Does.EndWith("test.csv:3:2: 'purple' in column 'colour' is a category the training data did not have; expected one of 'blue', 'red', or use --unknown-category ignore"));
    }

    [Test]
    public void Encodes_an_unseen_category_as_zeros_when_asked()
    {
        var test = PrepareTest("x,colour,y\n1,red,0\n2,blue,1\n3,red,1\n", "x,colour,y\n1,red,0\n2,purple,1\n",
            DataOptions.Default with { UnknownCategory = UnknownCategoryPolicy.Ignore });

        Assert.That(test.Sample(1).Slice(1, 2).ToArray(), Is.EqualTo(new[] { 0f, 0f }));
    }

    [Test]
    public void Drops_the_columns_asked_for_by_name_or_index()
    {
        var data = Prepare("a,b,c,y\n1,2,3,0\n4,6,5,1\n7,8,9,0\n", DataOptions.Default with { Drop = ["b", "2"] });

        Assert.Multiple(() =>
        {
            Assert.That(data.Preprocessing.FeatureNames, Is.EqualTo(new[] { "a" }));
            Assert.That(data.Preprocessing.Dropped, Is.EqualTo(new[] { new DroppedColumn("b", "--drop"), new DroppedColumn("c", "--drop") }));
        });
    }

    [Test]
    public void Drops_ID_like_and_constant_columns_with_the_reason()
    {
        var data = Prepare("id,name,x,always,acid,y\n1,ann,5,7,3,0\n2,bob,3,7,1,1\n3,cy,4,7,2,0\n4,di,1,7,4,1\n");

        Assert.That(data.Preprocessing.Dropped, Is.EqualTo(new[]
        {
            new DroppedColumn("id", "ID-like: increasing integers in a column named like an ID"),
            new DroppedColumn("name", "ID-like: a different text in every row; pass --categorical name to keep it"),
            new DroppedColumn("always", "constant: every value is 7"),
        }));
        Assert.That(data.Preprocessing.FeatureNames, Is.EqualTo(new[] { "x", "acid" }), "increasing integers named acid are not an ID");
    }

    [Test]
    public void Trains_several_targets_as_a_multi_output_regression_standardised_per_column()
    {
        var data = Prepare("x,a,b\n1,10,0.5\n2,20,0.25\n3,30,0.75\n4,40,0.5\n", target: "a,b");
        var prep = data.Preprocessing;

        Assert.Multiple(() =>
        {
            Assert.That(prep.Task, Is.EqualTo(TaskKind.Regression));
            Assert.That(prep.OutputCount, Is.EqualTo(2));
            Assert.That(prep.TargetMeans, Is.EqualTo(new[] { 25f, 0.5f }));
            Assert.That(data.Train.Targets[..2], Is.EqualTo(new[] { (10 - 25) / prep.TargetScales[0], 0f }).Within(1e-6));
        });
    }

    [Test]
    public void Refuses_classification_of_several_targets()
    {
        var error = Assert.Throws<InputException>(() => Prepare("x,a,b\n1,1,0\n2,0,1\n", target: "a,b", task: TaskKind.Classification));

        Assert.That(error.Message, Does.Contain("classification takes one target column, not 2 (a, b)"));
    }

    [Test]
    public void Preprocessing_survives_a_json_round_trip_whole()
    {
        var prep = Prepare("x,colour,y\n1,red,0\n2,blue,1\n3,,0\n4,red,1\n", DataOptions.Default with { Missing = MissingValuePolicy.Mean }).Preprocessing;

        string json = System.Text.Json.JsonSerializer.Serialize(prep);
        var back = System.Text.Json.JsonSerializer.Deserialize<Preprocessing>(json)!;

        Assert.That(System.Text.Json.JsonSerializer.Serialize(back), Is.EqualTo(json));
        Assert.That(back.Features[1].Categories, Is.EqualTo(prep.Features[1].Categories));
    }

    [Test]
    public void Encodes_a_file_to_predict_without_its_target_column()
    {
        var prep = Prepare("x,colour,y\n1,red,0\n2,blue,1\n3,red,1\n").Preprocessing;
        string path = _files.Write("predict.csv", "colour,x,extra\nblue,2,9\nred,1,8\n");

        var (inputs, rows, raw, _) = PreparedData.LoadInputs(prep, path, DataOptions.Default);

        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(new[] { 0, 1 }));
            Assert.That(raw.Targets, Is.Empty);
            // x standardised (mean 2), then blue, red.
            Assert.That(inputs, Is.EqualTo(new[] { 0f, 1f, 0f, (1 - 2) / prep.Features[0].Scale, 0f, 1f }).Within(1e-6));
        });
    }
}
