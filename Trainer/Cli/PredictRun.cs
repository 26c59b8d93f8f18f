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
    /// <param name="overwrite">--overwrite: --out may replace a file of another kind (a model, a report).</param>
    /// <param name="notices">Where lines about the cells go (standard error: filled values, unseen categories), and about
    /// the rows when the predictions go to standard output.</param>
    public static int Execute(string modelPath, string dataPath, string? outPath, TextWriter output, DataOptions? options = null, IReadOnlyList<string>? idColumns = null,
        Parallelism? parallelism = null, MissingValuePolicy? missing = null, TextWriter? notices = null, bool overwrite = false)
    {
        OutputPaths.CheckInputs([new("MODEL.json", modelPath), new("DATA.csv", dataPath)]);
        ScoringOptions.Check("predict", options);
        if (outPath is not null && StandardOutput.Contains(outPath))
            outPath = null;
        if (outPath is not null)
            OutputPaths.Check([new("--out", outPath, Kind: OutputKind.Csv)], [new("MODEL.json", modelPath), new("DATA.csv", dataPath)], overwrite);
        var model = ModelSerializer.Load(modelPath);
        var prep = model.Preprocessing;
        CheckIdNames(idColumns, prep);
        options = (options ?? DataOptions.Default) with { Missing = ScoringOptions.Missing(missing, prep, modelPath) };
        options = options with { NaValues = options.NaValues ?? prep.NaValues };
        var data = ScoringData.Load(dataPath, prep, withTargets: false, options, idColumns);
        // Cells changed on the way (filled, or encoded as all zeros) are said, as training says them of its file.
        foreach (string line in data.Scored.Lines(dataPath, prep.Missing))
            notices?.WriteLine(line);
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
            // Standard output holds the predictions: the count of rows left out goes beside them, on standard error.
            if (data.LeftOut > 0)
                notices?.WriteLine($"predict: {data.Dataset.Count} predictions{LeftOutNote(data)}");
            return ExitCodes.Success;
        }
        AtomicFile.Write(outPath, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            Write(writer, prep, data, predictions);
        });
        output.WriteLine($"{data.Dataset.Count} predictions written to {outPath}{LeftOutNote(data)}");
        return ExitCodes.Success;
    }

    /// <summary>The output's own columns (the target's name, p_CLASS): an --id column of one of these names would
    /// make two columns of one name, which no reader of the output could tell apart.</summary>
    private static void CheckIdNames(IReadOnlyList<string>? idColumns, Preprocessing prep)
    {
        string[] own = prep.Task == TaskKind.Classification ? [prep.TargetNames[0], .. prep.ClassNames.Select(name => "p_" + name)] : prep.TargetNames;
        if (idColumns?.FirstOrDefault(id => own.Contains(id, StringComparer.Ordinal)) is { } clash)
            throw new InputException($"--id {clash}: the predictions have a column '{clash}' of their own ({(clash == own[0] ? "the predicted " + (prep.Task == TaskKind.Classification ? "class" : "value") : "a class's probability")}), and two columns of one name could not be told apart; copy another column as the ID, or rename this one in the file");
    }

    /// <summary>Columns: the ID columns (see <see cref="ScoringData.Load"/>), the predicted class name (or value) under the
    /// target's name, then p_CLASS for each class; one row per row of the file. Numbers are in round-trip form.</summary>
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
        // One output row per input row: a row left out (--missing drop-rows) keeps its place, its IDs and empty
        // predictions, so the output still lines up with the input.
        int j = 0;
        for (int row = 0; row < data.FileRows; row++)
        {
            int column = 0;
            if (data.Ids.Length > 0)
            {
                foreach (string id in data.Ids[row])
                    record[column++] = id;
            }
            if (j < data.Rows.Length && data.Rows[j] == row)
            {
                var values = predictions.AsSpan(j * outputs, outputs);
                if (classification)
                    record[column++] = prep.ClassNames[Evaluation.ArgMax<double>(values)];
                for (int k = 0; k < outputs; k++)
                    record[column++] = classification ? Number((float)values[k]) : Value(values[k], prep.TargetScales[k]);
                j++;
            }
            else
            {
                record.AsSpan(column).Fill("");
            }
            csv.WriteRecord(record);
        }
    }

    // "; 2 rows with a missing value left out (--missing drop-rows): their rows are empty, so each output row is its input row".
    private static string LeftOutNote(ScoringData data) => data.LeftOut == 0 ? ""
        : $"; {data.LeftOut} row{(data.LeftOut == 1 ? "" : "s")} with a missing value left out (--missing drop-rows): {(data.LeftOut == 1 ? "its" : "their")} predictions are empty, so each output row is its input row";

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A regression value is computed in double; written as the float it rounds to (its shortest form, as the
    // network's outputs are floats), unless that float is more than a millionth of the target's standard deviation
    // away from it: large values close together (1e9 + 10·x), written in full.
    private static string Value(double value, float scale) =>
        Math.Abs((float)value - value) <= 1e-6 * scale ? Number((float)value) : value.ToString("R", CultureInfo.InvariantCulture);
}
