using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Data;

/// <summary>Model-ready samples: standardised features and targets, one column per sample.</summary>
public sealed class Dataset
{
    /// <param name="features">(featureCount, count) column-major.</param>
    /// <param name="targets">(outputCount, count) column-major: one-hot rows for classification, standardised values for regression.</param>
    /// <param name="labels">The class index of each sample, for classification; null for regression.</param>
    public Dataset(int featureCount, int outputCount, float[] features, float[] targets, int[]? labels)
    {
        if (featureCount <= 0 || features.Length % featureCount != 0)
            throw new ArgumentException($"{features.Length} values do not make rows of {featureCount} features", nameof(features));
        Count = features.Length / featureCount;
        if (targets.Length != Count * outputCount)
            throw new ArgumentException($"expected {Count * outputCount} target values, got {targets.Length}", nameof(targets));
        if (labels is not null && labels.Length != Count)
            throw new ArgumentException($"expected {Count} labels, got {labels.Length}", nameof(labels));
        FeatureCount = featureCount;
        OutputCount = outputCount;
        Features = features;
        Targets = targets;
        Labels = labels;
    }

    public int Count { get; }

    public int FeatureCount { get; }

    public int OutputCount { get; }

    public float[] Features { get; }

    public float[] Targets { get; }

    public int[]? Labels { get; }

    /// <summary>Copies the samples at <paramref name="indices"/> into x (features, batch) and y (outputs, batch).
    /// Each sample is one contiguous copy per matrix; nothing is allocated.</summary>
    public void Gather(ReadOnlySpan<int> indices, Matrix<float> x, Matrix<float> y)
    {
        var xs = x.AsColumnMajorArray().AsSpan();
        var ys = y.AsColumnMajorArray().AsSpan();
        for (int j = 0; j < indices.Length; j++)
        {
            int i = indices[j];
            Features.AsSpan(i * FeatureCount, FeatureCount).CopyTo(xs.Slice(j * FeatureCount, FeatureCount));
            Targets.AsSpan(i * OutputCount, OutputCount).CopyTo(ys.Slice(j * OutputCount, OutputCount));
        }
    }

    /// <summary>Copies the samples [start, start + batch) into x and y, as <see cref="Gather"/> does.</summary>
    public void CopyRange(int start, Matrix<float> x, Matrix<float> y)
    {
        int batch = x.ColumnCount;
        Features.AsSpan(start * FeatureCount, batch * FeatureCount).CopyTo(x.AsColumnMajorArray());
        Targets.AsSpan(start * OutputCount, batch * OutputCount).CopyTo(y.AsColumnMajorArray());
    }
}
