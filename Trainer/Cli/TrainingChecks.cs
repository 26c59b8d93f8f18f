using NeuralNet.Data;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary>
/// The checks a training run makes before any weights are trained: the --test file, the options that only suit one
/// task, the network's memory and the save's room. A normal run makes them as it reads and builds (<see cref="TrainRun"/>,
/// <see cref="TrainingPipeline"/>); a --cv run makes them before its folds too, on the first fold's preprocessing, so
/// that a run bound to fail is refused before the folds train, not after (<see cref="BeforeFolds"/>).
/// </summary>
internal static class TrainingChecks
{
    /// <summary>The --test file is another file than the training data: scored on its own training rows, a model's
    /// "test" figure is its training figure.</summary>
    public static void TestIsHeldOut(TrainingRequest request)
    {
        if (request.TestPath is null)
            return;
        CsvSource.CheckTestIsAnotherStream(request.DataPath, request.TestPath);
        if (File.Exists(request.TestPath) && File.Exists(request.DataPath) && OutputPaths.SameFile(request.DataPath, request.TestPath))
            throw new InputException($"--test {request.TestPath}: the same file as the training data ({request.DataPath}); its test figures would be figures on the training rows; give held-out rows in another file");
    }

    /// <summary>The checks of a --cv run, before its folds (<see cref="TestIsHeldOut"/> came before the read): the --test
    /// file's columns, the task's options, and the memory and save room of the model trained after them, as the first
    /// fold's preprocessing and rows size it (the whole file's differ by a fold's rows and, at most, a few categories).</summary>
    public static void BeforeFolds(TrainOptions options, CrossValidationData data, int workers)
    {
        var request = options.Request;
        var (prep, train, validation, _) = data.Fold(0, request.ValidationSplit, new Random(request.Seed));
        TrainingPipeline.CheckTaskSettings(request, prep);
        if (request.TestPath is not null)
            CsvLoader.CheckColumnsFor(prep, request.TestPath, request.Data);
        var (filled, _) = request.FillFromData(train.Count, prep.InputCount, prep.OutputCount, resumed: false);
        var size = TrainingPipeline.CheckMemory(filled, null, prep, train.Count, Math.Max(train.Count, validation.Count), workers);
        SaveRoom(options, size.Parameters * Math.Max(1, request.Ensemble), prep);
    }

    /// <summary>The save's folder has room for a model file of <paramref name="weights"/> weights and
    /// <paramref name="prep"/>'s preprocessing, before the weights are trained, not after.</summary>
    public static void SaveRoom(TrainOptions options, long weights, Preprocessing prep) =>
        SaveSpace.Check(options.SavePath is null ? "the model file" : "--save", options.SavePath ?? TrainRun.DefaultSavePath(options.Request.DataPath, DateTime.Now),
            weights, prep);
}
