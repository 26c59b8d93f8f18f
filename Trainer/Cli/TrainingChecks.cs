using NeuralNet.Data;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>
/// The checks a training run makes once the data is read and before any weights are trained: the --test file, the
/// options that only suit one task, the network's memory and the save's room. A normal run makes them after its
/// read (<see cref="TrainRun"/>); a --cv run makes them before its folds too, on the first fold's preprocessing, so
/// that a run bound to fail is refused before the folds train, not after (<see cref="BeforeFolds"/>).
/// </summary>
internal static class TrainingChecks
{
    /// <summary>Refuses a --test file that is the training file, or the same stream.</summary>
    public static void TestFile(TrainOptions options)
    {
        if (options.TestPath is null)
            return;
        CsvSource.CheckTestIsAnotherStream(options.DataPath, options.TestPath);
        // Scored on its own training rows, a model's "test" figure is its training figure.
        if (File.Exists(options.TestPath) && File.Exists(options.DataPath) && OutputPaths.SameFile(options.DataPath, options.TestPath))
            throw new InputException($"--test {options.TestPath}: the same file as the training data ({options.DataPath}); its test figures would be figures on the training rows; give held-out rows in another file");
    }

    /// <summary>Refuses --label-smoothing and --class-weight balanced on a regression target.</summary>
    public static void TaskOptions(TrainOptions options, Preprocessing prep)
    {
        if (prep.Task != TaskKind.Regression)
            return;
        string targets = string.Join(", ", prep.TargetNames.Select(t => $"'{t}'"));
        if (options.LabelSmoothing > 0)
            throw new InputException($"--label-smoothing smooths class targets, but {targets} is a regression target; leave it out, or pass --task classification");
        if (options.Settings.ClassWeight == ClassWeighting.Balanced)
            throw new InputException($"--class-weight balanced weighs classes, but {targets} is a regression target; leave it out, or pass --task classification");
    }

    /// <summary>The checks of a --cv run, before its folds: the --test file (its columns too), the task's options,
    /// and the memory and save room of the model trained after them, as the first fold's preprocessing and rows
    /// size it (the whole file's differ by a fold's rows and, at most, a few categories).</summary>
    public static void BeforeFolds(TrainOptions options, CrossValidationData data)
    {
        TestFile(options);
        var (prep, train, validation, _) = data.Fold(0, options.ValidationSplit, new Random(options.Seed));
        TaskOptions(options, prep);
        if (options.TestPath is not null)
            CsvLoader.CheckColumnsFor(prep, options.TestPath, options.Data);
        var (picked, _) = PickedDefaults.Apply(options, train.Count, prep.InputCount, prep.OutputCount, resumed: false);
        var size = TrainRun.CheckMemory(picked, null, prep, train.Count, Math.Max(train.Count, validation.Count));
        SaveSpace.Check(options.SavePath is null ? "the model file" : "--save", options.SavePath ?? TrainRun.DefaultSavePath(options.DataPath, DateTime.Now),
            size.Parameters * Math.Max(1, options.Ensemble), prep);
    }
}
