// The C# scoring example of docs/scoring-with-onnx.md: the page quotes the lines between the markers, and
// ScoringExampleTests checks that it still does and that the code gives predict's answer.
// <scoring>
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NeuralNet.Scoring;

public static class OnnxScoring
{
    /// <summary>Scores one row of a model exported by <c>neuralnet export</c>: column name → value (a number for a
    /// numeric column, a string for a text one, null when missing). Returns the class name and the probabilities.</summary>
    public static (string Label, float[] Probabilities) ScoreOne(InferenceSession session, IReadOnlyDictionary<string, object?> row)
    {
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, input) in session.InputMetadata)
        {
            // Every input is (batch, 1): one column. A column not in the row is missing. Text is matched exactly
            // against the categories as the trainer read them, so pass it as the trainer reads a CSV cell (its CSV
            // reader drops the spaces and tabs around a field); nothing is trimmed here.
            object? value = row.GetValueOrDefault(name);
            inputs.Add(input.ElementDataType == TensorElementType.String
                ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(new[] { Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" }, [1, 1]))
                : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(new[] { value is null ? float.NaN : Convert.ToSingle(value, CultureInfo.InvariantCulture) }, [1, 1])));
        }
        using var results = session.Run(inputs);
        string label = results.Single(r => r.Name == "label").AsEnumerable<string>().Single();
        float[] probabilities = [.. results.Single(r => r.Name == "probabilities").AsEnumerable<float>()];
        return (label, probabilities);
    }

    public static void Example(string modelPath)
    {
        using var session = new InferenceSession(modelPath);
        var passenger = new Dictionary<string, object?>
        {
            ["Pclass"] = 3, ["Sex"] = "male", ["Age"] = null, ["SibSp"] = 0, ["Fare"] = 7.25, ["Embarked"] = "S", ["Cabin"] = null,
        };
        var (label, probabilities) = ScoreOne(session, passenger);
        Console.WriteLine($"{label} ({string.Join(", ", probabilities.Select(p => p.ToString("0.000", CultureInfo.InvariantCulture)))})");
    }
}
// </scoring>
