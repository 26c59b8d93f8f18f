using MathNet.Numerics.LinearAlgebra;

namespace NeuralNet.Data;

/// <summary>
/// Model-ready samples: standardised features and targets, one column per sample. The features may be a view of
/// a larger matrix shared with other datasets (<c>rows</c>): a training file's train and validation splits then
/// share the matrix it was read into, encoded in place, instead of each holding a copy.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features; // (featureCount, stored rows) column-major
    private readonly int[]? _rows;       // (count): the stored row of each sample; null when sample i is row i

    /// <param name="features">(featureCount, rows) column-major.</param>
    /// <param name="targets">(outputCount, count) column-major: one-hot rows for classification, standardised values for regression.</param>
    /// <param name="labels">The class index of each sample, for classification; null for regression.</param>
    /// <param name="rows">Which rows of <paramref name="features"/> are this dataset's samples, in order; null for all of them.</param>
    public Dataset(int featureCount, int outputCount, float[] features, float[] targets, int[]? labels, int[]? rows = null)
    {
        if (featureCount <= 0 || (rows is null && features.Length % featureCount != 0))
            throw new ArgumentException($"{features.Length} values do not make rows of {featureCount} features", nameof(features));
        if (rows is not null && rows.Length > 0 && (long)(rows.Max() + 1) * featureCount > features.Length)
            throw new ArgumentException($"row {rows.Max()} is past the {features.Length / featureCount} rows of the matrix", nameof(rows));
        Count = rows?.Length ?? features.Length / featureCount;
        if (targets.Length != Count * outputCount)
            throw new ArgumentException($"expected {Count * outputCount} target values, got {targets.Length}", nameof(targets));
        if (labels is not null && labels.Length != Count)
            throw new ArgumentException($"expected {Count} labels, got {labels.Length}", nameof(labels));
        FeatureCount = featureCount;
        OutputCount = outputCount;
        _features = features;
        _rows = rows;
        Targets = targets;
        Labels = labels;
    }

    public int Count { get; }

    /// <summary>Rows of the file left out because their target was missing (a --test or evaluated file).</summary>
    public int Unlabelled { get; internal set; }

    /// <summary>The cells of a scored file (--test, evaluate) filled or encoded as all zeros.</summary>
    public ScoredCells Scored { get; internal set; } = ScoredCells.None;

    public int FeatureCount { get; }

    public int OutputCount { get; }

    public float[] Targets { get; }

    public int[]? Labels { get; }

    /// <summary>The features of sample <paramref name="index"/>, (featureCount).</summary>
    public ReadOnlySpan<float> Sample(int index) => _features.AsSpan(Row(index) * FeatureCount, FeatureCount);

    /// <summary>Copies the samples at <paramref name="indices"/> into x (features, batch) and y (outputs, batch).
    /// Each sample is one contiguous copy per matrix; nothing is allocated.</summary>
    public void Gather(ReadOnlySpan<int> indices, Matrix<float> x, Matrix<float> y)
    {
        var xs = x.AsColumnMajorArray().AsSpan();
        var ys = y.AsColumnMajorArray().AsSpan();
        for (int j = 0; j < indices.Length; j++)
        {
            int i = indices[j];
            Sample(i).CopyTo(xs.Slice(j * FeatureCount, FeatureCount));
            Targets.AsSpan(i * OutputCount, OutputCount).CopyTo(ys.Slice(j * OutputCount, OutputCount));
        }
    }

    /// <summary>Copies the samples [start, start + batch) into x and y, as <see cref="Gather"/> does.</summary>
    public void CopyRange(int start, Matrix<float> x, Matrix<float> y)
    {
        int batch = x.ColumnCount;
        if (_rows is null)
        {
            _features.AsSpan(start * FeatureCount, batch * FeatureCount).CopyTo(x.AsColumnMajorArray());
        }
        else
        {
            var xs = x.AsColumnMajorArray().AsSpan();
            for (int j = 0; j < batch; j++)
                Sample(start + j).CopyTo(xs.Slice(j * FeatureCount, FeatureCount));
        }
        Targets.AsSpan(start * OutputCount, batch * OutputCount).CopyTo(y.AsColumnMajorArray());
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a dataset sharing this one's feature
    /// matrix (the targets and labels of the subset are copied: they are small).</summary>
    public Dataset Subset(int[] indices)
    {
        var targets = new float[indices.Length * OutputCount];
        for (int j = 0; j < indices.Length; j++)
            Targets.AsSpan(indices[j] * OutputCount, OutputCount).CopyTo(targets.AsSpan(j * OutputCount, OutputCount));
        int[]? labels = Labels is null ? null : [.. indices.Select(i => Labels[i])];
        return new Dataset(FeatureCount, OutputCount, _features, targets, labels, [.. indices.Select(Row)]);
    }

    private int Row(int index) => _rows is null ? index : _rows[index];
}
