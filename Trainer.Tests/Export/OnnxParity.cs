using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NeuralNet.Data;
using NeuralNet.Export;
using NeuralNet.Models;
using NeuralNet.Onnx;
using NeuralNet.Tests.Cli;

namespace NeuralNet.Tests.Export;

/// <summary>What predict wrote and what ONNX Runtime computed from the exported graph, on the same rows.</summary>
/// <param name="Labels">Class names per row (classification), else null.</param>
/// <param name="Values">Probabilities (rows, classes) or regression values (rows, targets), row by row.</param>
public sealed record Scores(string[]? Labels, float[] Values);

/// <summary>Exports a model, runs the graph in ONNX Runtime on a CSV file fed column by column (as a user would feed
/// it: numbers as floats (doubles where the graph takes them), NaN where missing; text as strings, "" where missing), and runs predict on the same file.</summary>
public static class OnnxParity
{
    public static (Scores Predict, Scores Onnx) Both(TempFolder temp, string model, string csv, params string[] predictOptions) =>
        Both(temp, model, csv, DataOptions.Default, predictOptions);

    /// <param name="read">How the test reads the file to feed the graph (the dialect options given to predict).</param>
    public static (Scores Predict, Scores Onnx) Both(TempFolder temp, string model, string csv, DataOptions read, params string[] predictOptions)
    {
        string onnxPath = temp.File("parity.onnx");
        var export = CliRun.Of("export", model, onnxPath);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        string outPath = temp.File("parity-predictions.csv");
        var predict = CliRun.Of(["predict", model, csv, "--out", outPath, .. predictOptions]);
        Assert.That(predict.ExitCode, Is.Zero, predict.ToString());
        var saved = ModelSerializer.Load(model);
        return (ReadPredictions(outPath, saved.Preprocessing), Run(onnxPath, saved, csv, read));
    }

    public static Scores Run(string onnxPath, SavedModel saved, string csv, DataOptions options)
    {
        var prep = saved.Preprocessing;
        var signature = OnnxExport.Build(saved).Signature;
        var raw = CsvLoader.LoadFor(prep, csv, options, requireTargets: false);
        var feeds = new List<NamedOnnxValue>();
        for (int f = 0; f < prep.Features.Length; f++)
        {
            var column = raw.Features.Single(c => c.Name == prep.Features[f].Name);
            var (name, type) = signature.Inputs[f];
            if (type == OnnxType.String)
            {
                var texts = Enumerable.Range(0, raw.Rows).Select(r => column.Texts![r] ?? "").ToArray();
                feeds.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(texts, [raw.Rows, 1])));
            }
            else if (type == OnnxType.Double)
            {
                var numbers = Enumerable.Range(0, raw.Rows).Select(r => raw.Value(r, column)).ToArray();
                feeds.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(numbers, [raw.Rows, 1])));
            }
            else
            {
                var numbers = Enumerable.Range(0, raw.Rows).Select(r => (float)raw.Value(r, column)).ToArray();
                feeds.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(numbers, [raw.Rows, 1])));
            }
        }
        using var session = new InferenceSession(onnxPath);
        using var results = session.Run(feeds);
        var byName = results.ToDictionary(r => r.Name);
        return signature.Probabilities is { } probabilities
            ? new Scores([.. byName[signature.Label].AsEnumerable<string>()], [.. byName[probabilities].AsEnumerable<float>()])
            : new Scores(null, [.. byName[signature.Label].AsEnumerable<float>()]);
    }

    /// <summary>predict's CSV: [ID], the class (or the targets' values), p_CLASS… Written by the trainer with ',' and
    /// no quoting in the files these tests make.</summary>
    public static Scores ReadPredictions(string path, Preprocessing prep)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int first = Array.IndexOf(header, prep.TargetNames[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        bool classification = prep.Task == TaskKind.Classification;
        int start = classification ? first + 1 : first;
        var values = rows.SelectMany(r => r.Skip(start).Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        return new Scores(classification ? [.. rows.Select(r => r[first])] : null, values);
    }

    /// <summary>The largest |a − b| / max(|a|, s): absolute for probabilities (s = 1, a ≤ 1); for values in target
    /// units, relative to the value or to the target's standard deviation s, whichever is larger, since a prediction
    /// near 0 of a target spread over hundreds carries the float rounding of hundreds (mean + scale · output), summed
    /// in another order by ONNX Runtime's MLAS than by OpenBLAS. docs/scoring-with-onnx.md states this tolerance.</summary>
    public static double WorstDifference(float[] expected, float[] actual, Preprocessing prep)
    {
        int outputs = prep.OutputCount;
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = prep.Task == TaskKind.Regression ? prep.TargetScales[i % outputs] : 1;
            worst = Math.Max(worst, Math.Abs((double)expected[i] - actual[i]) / Math.Max(scale, Math.Abs((double)expected[i])));
        }
        return worst;
    }
}
