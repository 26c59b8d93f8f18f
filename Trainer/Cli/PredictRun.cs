using System.Globalization;
using CsvHelper;
using NeuralNet.Data;
using NeuralNet.Models;
using NeuralNet.Reporting;
using NeuralNet.Training;

namespace NeuralNet.Cli;

/// <summary><c>predict MODEL.json DATA.csv [--out FILE.csv] [--id COL]</c>: one output row per input row.</summary>
public static class PredictRun
{
    /// <summary>The --out values that mean standard output, where predictions go without --out.</summary>
    public static readonly string[] StandardOutput = ["-", "/dev/stdout"];

    /// <param name="idColumns">--id: the columns to copy into the output; null for the model's ID-like columns.</param>
    /// <param name="parallelism">The workers that split the rows; one thread when null.</param>
    /// <param name="missing">--missing as given; null when left out (the model's own, see <see cref="ScoringOptions.Missing"/>).
    /// The policy in <paramref name="options"/> is not used.</param>
    public static int Execute(string modelPath, string dataPath, string? outPath, TextWriter output, DataOptions? options = null, IReadOnlyList<string>? idColumns = null,
        Parallelism? parallelism = null, MissingValuePolicy? missing = null)
    {
        OutputPaths.CheckInputs([new("MODEL.json", modelPath), new("DATA.csv", dataPath)]);
        ScoringOptions.Check("predict", options);
        if (outPath is not null && StandardOutput.Contains(outPath))
            outPath = null;
        if (outPath is not null)
            OutputPaths.Check([new("--out", outPath)], [new("MODEL.json", modelPath), new("DATA.csv", dataPath)]);
        var model = ModelSerializer.Load(modelPath);
        var prep = model.Preprocessing;
        options = (options ?? DataOptions.Default) with { Missing = ScoringOptions.Missing(missing, prep, modelPath) };
        options = options with { NaValues = options.NaValues ?? prep.NaValues };
        var data = ScoringData.Load(dataPath, prep, withTargets: false, options, idColumns);
        double[] predictions;
        try
        {
            predictions = Predictor.Predict(model.Network, prep, data.Dataset, parallelism);
        }
        catch (InputException e)
        {
            throw new InputException($"{dataPath}: {e.Message}", e);
        }

        if (outPath is null)
        {
            Write(output, prep, data, predictions);
            return ExitCodes.Success;
        }
        AtomicFile.Write(outPath, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            Write(writer, prep, data, predictions);
        });
        output.WriteLine($"{data.Dataset.Count} predictions written to {outPath}");
        return ExitCodes.Success;
    }

    /// <summary>Columns: the ID columns (see <see cref="ScoringData.Load"/>), the predicted class name (or value) under the
    /// target's name, then p_CLASS for each class. Numbers are in round-trip form.</summary>
    public static void Write(TextWriter destination, Preprocessing prep, ScoringData data, double[] predictions)
    {
        bool classification = prep.Task == TaskKind.Classification;
        int outputs = prep.OutputCount;
        var header = new List<string>();
        header.AddRange(data.IdColumns);
        if (classification)
            header.AddRange([prep.TargetNames[0], .. prep.ClassNames.Select(name => "p_" + name)]);
        else
            header.AddRange(prep.TargetNames);

        using var csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecord([.. header]);
        var record = new string[header.Count];
        for (int j = 0; j < data.Dataset.Count; j++)
        {
            var values = predictions.AsSpan(j * outputs, outputs);
            int column = 0;
            foreach (string id in data.Ids[j])
                record[column++] = id;
            if (classification)
                record[column++] = prep.ClassNames[Evaluation.ArgMax<double>(values)];
            for (int k = 0; k < outputs; k++)
                record[column++] = classification ? Number((float)values[k]) : Value(values[k], prep.TargetScales[k]);
            csv.WriteRecord(record);
        }
    }

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A regression value is computed in double; written as the float it rounds to (its shortest form, as the
    // network's outputs are floats), unless that float is more than a millionth of the target's standard deviation
    // away from it: large values close together (1e9 + 10·x), written in full.
    private static string Value(double value, float scale) =>
        Math.Abs((float)value - value) <= 1e-6 * scale ? Number((float)value) : value.ToString("R", CultureInfo.InvariantCulture);
}
