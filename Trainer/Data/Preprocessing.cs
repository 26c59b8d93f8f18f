using System.Runtime.CompilerServices;
using static System.FormattableString;

namespace NeuralNet.Data;

/// <summary>
/// Everything that turns rows of a CSV file into model inputs and targets, fitted on the training rows: the
/// encoding of each used column (standardisation or one-hot, and the missing-value fill), the columns left out,
/// the class names (classification) or each target's standardisation (regression). A plain record of arrays,
/// strings and floats, so that System.Text.Json serialises it whole with a model.
/// </summary>
/// <param name="Dialect">How the training file was written (for the record; other files are sniffed on their own).</param>
/// <param name="Features">The used input columns, in file order; the model's inputs are their blocks one after the other.</param>
/// <param name="Dropped">The training file's columns that are neither features nor targets, and why.</param>
/// <param name="TargetMeans">Regression: each target's mean over the training rows, in double (a target of large
/// values close together, 1e9 + 10·x, would otherwise come back in steps of a float); empty for classification.</param>
/// <param name="TargetScales">Regression: each target's standard deviation; empty for classification.</param>
/// <param name="Missing">How missing values were handled in training, and are in other files.</param>
/// <param name="UnknownCategory">--unknown-category as given in training, used by predict and evaluate unless they
/// are given their own; null in files saved before it was stored (then: error).</param>
/// <param name="NaValues">--na-values as given in training (the words that meant a missing value), used by predict,
/// evaluate and the ONNX export unless given their own; null for the default words.</param>
/// <param name="InputClip">Standardised numeric inputs are clamped to ±this many standard deviations (<see
/// cref="DefaultInputClip"/> when fitted); null in files saved before it was stored (then: not clamped).</param>
public sealed record Preprocessing(
    TaskKind Task,
    CsvDialect Dialect,
    FeatureEncoding[] Features,
    DroppedColumn[] Dropped,
    string[] TargetNames,
    string[] ClassNames,
    double[] TargetMeans,
    float[] TargetScales,
    MissingValuePolicy Missing,
    UnknownCategoryPolicy? UnknownCategory = null,
    string[]? NaValues = null,
    float? InputClip = null)
{
    /// <summary>
    /// A standardised value beyond ±10 is an outlier row (a typo, or a unit slipped by 1,000): unclamped, one such
    /// row moved the network's fit by as much as the rest together. On the 28 real tables of issue 19 (3 seeds) ±10
    /// turned a regression with a few 30–50 standard-deviation rows from R² 0.944 to 0.979 and left the others
    /// within 0.004 (mean normalised score 0.842 → 0.845); ±6 clipped real tails too (docs/quality-experiments.md).
    /// RealMLP clips smoothly at about ±3 after robust scaling; a hard ±10 keeps every row inside the usual range as it
    /// was, and predict, the ONNX export and the PyTorch export clamp the same way.
    /// </summary>
    public const float DefaultInputClip = 10;

    /// <summary>The words that mean a missing value in the files this model reads, unless --na-values says.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MissingValues MissingWords => MissingValues.For(NaValues);

    /// <summary>The columns training recognised as ID-like and left out (predict copies them into its output).</summary>
    public string[] IdColumns => [.. Dropped.Where(d => d.Reason.StartsWith(ColumnScreening.IdLike, StringComparison.Ordinal)).Select(d => d.Name)];

    /// <summary>The unknown-category policy for a file scored by this model: the one asked for, else the model's.</summary>
    public UnknownCategoryPolicy UnknownCategoryFor(DataOptions options) =>
        options.UnknownCategory ?? UnknownCategory ?? UnknownCategoryPolicy.Error;

    public int OutputCount => Task == TaskKind.Classification ? ClassNames.Length : TargetNames.Length;

    /// <summary>Model inputs: one per numeric column plus one per category of each text column.</summary>
    public int InputCount => Features.Sum(f => f.Width);

    public string[] FeatureNames => [.. Features.Select(f => f.Name)];

    /// <summary>Fits the encodings on the <paramref name="trainRows"/> of <paramref name="raw"/>.</summary>
    /// <param name="used">The feature columns to encode.</param>
    /// <param name="categoryRows">The rows whose values are the categories of text columns: all usable rows of the
    /// training file, so that a rare category that the split puts in validation only is still known.</param>
    /// <param name="workers">Threads that sum the numeric columns (the figures are the same on any number).</param>
    public static Preprocessing Fit(RawData raw, TaskKind task, RawColumn[] used, DroppedColumn[] dropped, int[] trainRows, int[] categoryRows,
        string[] classNames, MissingValuePolicy missing, int workers = 1)
    {
        bool fill = missing is MissingValuePolicy.Mean or MissingValuePolicy.Median;
        var stats = NumericStats.Of(raw, trainRows, workers);
        // One scratch column for every median: a wide file (784 pixel columns) would otherwise allocate a sorted copy
        // of each column, hundreds of MB of short-lived arrays that the GC lets the process grow into.
        var scratch = missing == MissingValuePolicy.Median ? new float[trainRows.Length] : [];
        var features = used.Select(column => column.Kind == ColumnKind.Numeric
            ? FitNumeric(raw, column, stats, trainRows, fill ? missing : null, scratch)
            : FitText(column, categoryRows, fill)).ToArray();
        var (means, scales) = task == TaskKind.Regression ? FitTargets(raw, trainRows) : ([], []);
        return new Preprocessing(task, raw.Dialect, features, dropped, raw.TargetNames, classNames, means, scales, missing, InputClip: DefaultInputClip);
    }

    /// <summary>Builds the model-ready dataset of the given rows of <paramref name="raw"/>, whose targets must be present.</summary>
    /// <param name="workers">Threads that encode the rows, each a block of them.</param>
    public Dataset Apply(RawData raw, int[] rows, UnknownCategoryPolicy unknownCategory, int workers = 1)
    {
        var (y, labels) = EncodeTargets(raw, rows);
        return new Dataset(InputCount, OutputCount, EncodeFeatures(raw, rows, unknownCategory, workers), y, labels);
    }

    /// <summary>
    /// Datasets of several sets of rows of <paramref name="raw"/> (a split) that share one feature matrix. When every
    /// row of the file is used, and every feature is numeric or the read left room for the one-hot inputs
    /// (<see cref="CsvLoader"/>), the matrix is the one the file was read into, encoded in place, so a large file is
    /// held once; otherwise each set is encoded into its own matrix.
    /// <paramref name="raw"/>'s numbers are not usable after this.
    /// </summary>
    public Dataset[] ApplyShared(RawData raw, int[] usableRows, int[][] rowSets, UnknownCategoryPolicy unknownCategory, int workers = 1)
    {
        bool categorical = Features.Any(f => f.IsCategorical);
        if (usableRows.Length != raw.Rows || (categorical && raw.Numbers.Length < (long)raw.Rows * InputCount))
            return [.. rowSets.Select(rows => Apply(raw, rows, unknownCategory, workers))];
        if (categorical)
            EncodeFeaturesInto(raw, usableRows, unknownCategory, raw.Numbers, 1, copyRows: true);
        else
            EncodeNumericInPlace(raw, usableRows, unknownCategory, workers);
        return [.. rowSets.Select(rows =>
        {
            var (y, labels) = EncodeTargets(raw, rows);
            return new Dataset(InputCount, OutputCount, raw.Numbers, y, labels, rows);
        })];
    }

    // Encodes every row of raw.Numbers (NumericCount wide) into its first Rows·InputCount values, in row order. Row
    // r's output starts at r·InputCount ≤ r·NumericCount, where its input starts, and within a row feature k reads
    // slot s(k) ≥ k with slots increasing, so every value is read before anything overwrites it.
    private void EncodeNumericInPlace(RawData raw, int[] everyRow, UnknownCategoryPolicy unknownCategory, int workers)
    {
        var byName = raw.Features.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var slots = Features.Select(f => byName[f.Name].Slot).ToArray();
        for (int k = 0; k < slots.Length; k++)
        {
            if (slots[k] < k || (k > 0 && slots[k] <= slots[k - 1]))
                throw new InvalidOperationException("numeric features must keep their file order to be encoded in place");
        }
        // In blocks only when each row stays where it is: narrower rows move down, onto rows another block may not have read yet.
        EncodeFeaturesInto(raw, everyRow, unknownCategory, raw.Numbers, InputCount == raw.NumericCount ? workers : 1);
    }

    /// <summary>The targets of the given rows, (OutputCount, rows.Length): one-hot with labels, or standardised values.</summary>
    private (float[] Targets, int[]? Labels) EncodeTargets(RawData raw, int[] rows)
    {
        var y = new float[rows.Length * OutputCount];
        int[]? labels = Task == TaskKind.Classification ? raw.Labels(ClassNames, rows) : null;
        for (int j = 0; j < rows.Length; j++)
        {
            if (labels is not null)
            {
                y[j * OutputCount + labels[j]] = 1f;
                continue;
            }
            for (int t = 0; t < raw.Targets.Length; t++)
            {
                double value = raw.TargetValue(rows[j], t);
                float encoded = (float)((value - TargetMeans[t]) / TargetScales[t]);
                // The squared-error loss sums squares of these in float: beyond this it overflows and the run would
                // be reported as diverged, when the cause is this value.
                if (!(Math.Abs(encoded) <= MaxScaledTarget))
                    throw InputException.At(raw.Path, raw.Lines[rows[j]], raw.Targets[t].Index + 1, Invariant(
                        $"'{CsvScan.Shorten(raw.Targets[t].Texts![rows[j]] ?? "")}' in target column '{raw.Targets[t].Name}' is {encoded:G3} standard deviations from the training rows' mean {TargetMeans[t]:G6} (standard deviation {TargetScales[t]:G6}); the squared-error loss cannot hold it (at most {MaxScaledTarget:G2})"));
                y[j * OutputCount + t] = encoded;
            }
        }
        return (y, labels);
    }

    /// <summary>The model inputs of the given rows: (InputCount, rows.Length) column-major.</summary>
    public float[] EncodeFeatures(RawData raw, int[] rows, UnknownCategoryPolicy unknownCategory, int workers = 1)
    {
        var x = new float[rows.Length * InputCount];
        EncodeFeaturesInto(raw, rows, unknownCategory, x, workers);
        return x;
    }

    /// <summary>Writes the model inputs of the given rows into <paramref name="x"/>, (InputCount, rows.Length)
    /// column-major; <paramref name="x"/> may be raw.Numbers itself (see <see cref="EncodeNumericInPlace"/>).</summary>
    /// <param name="copyRows">x is raw.Numbers and every row is encoded in place (<see cref="EncodeEachInPlace"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeFeaturesInto(RawData raw, int[] rows, UnknownCategoryPolicy unknownCategory, float[] x, int workers, bool copyRows = false)
    {
        var byName = raw.Features.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var columns = Features.Select(f => byName[f.Name]).ToArray();
        var indexes = Features.Select(f => f.Categories.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal)).ToArray();
        // A text column's category by code (-1: not a category), so that a row costs an array lookup, not a hash.
        var codes = columns.Select(c => c.Kind == ColumnKind.Text ? TextCodes.Of(c.Texts!) : null).ToArray();
        var categoryOfCode = Features.Select((f, i) => codes[i] is { } coded && f.IsCategorical
            ? [.. coded.Values.Select(text => indexes[i].TryGetValue(text, out int category) ? category : -1)] : Array.Empty<int>()).ToArray();
        // The numeric features as flat arrays: this loop runs rows × features times.
        var numeric = Enumerable.Range(0, Features.Length).Where(f => !Features[f].IsCategorical).ToArray();
        var slots = numeric.Select(f => columns[f].Slot).ToArray();
        var starts = new int[Features.Length];
        for (int f = 1; f < Features.Length; f++)
            starts[f] = starts[f - 1] + Features[f - 1].Width;
        var numericStarts = numeric.Select(f => starts[f]).ToArray();
        // Centred in two steps, so that a column stored relative to an offset is centred exactly: the stored value
        // minus (mean − offset), a float of the column's own spread.
        var offsets = numeric.Select(f => raw.Offset(columns[f].Slot)).ToArray();
        var shifts = numeric.Select((f, k) => (float)(Features[f].Mean - offsets[k])).ToArray();
        var scales = numeric.Select(f => Features[f].Scale).ToArray();
        float clip = InputClip ?? float.PositiveInfinity;
        int inputs = InputCount;
        if (copyRows)
        {
            EncodeEachInPlace(rows.Length, inputs > raw.NumericCount, raw.NumericCount, EncodeRow);
            return;
        }
        RowBlocks.Run(rows.Length, workers, EncodeBlock);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void EncodeBlock(int from, int to)
        {
            for (int j = from; j < to; j++)
                EncodeRow(j, null);
        }

        // Row j of rows into row j of x; with a scratch row, its input is copied there first and its output cleared.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void EncodeRow(int j, float[]? scratch)
        {
            int r = rows[j];
            ReadOnlySpan<float> source = raw.Numbers.AsSpan(r * raw.NumericCount, raw.NumericCount);
            var destination = x.AsSpan(j * inputs, inputs);
            if (scratch is not null)
            {
                source.CopyTo(scratch);
                source = scratch;
                destination.Clear();
            }
            for (int k = 0; k < slots.Length; k++)
            {
                float value = source[slots[k]];
                if (float.IsNaN(value))
                    value = (float)(Fill(raw, r, columns[numeric[k]], Features[numeric[k]]) - offsets[k]);
                float encoded = (value - shifts[k]) / scales[k];
                if (!float.IsFinite(encoded))
                    throw NotFiniteWhenScaled(raw, r, columns[numeric[k]], offsets[k] + value, Features[numeric[k]].Mean, scales[k]);
                destination[numericStarts[k]] = Math.Clamp(encoded, -clip, clip);
            }
            for (int f = 0; f < Features.Length; f++)
            {
                if (Features[f].IsCategorical)
                    EncodeCategory(raw, r, columns[f], Features[f], indexes[f], codes[f]!.Codes[r] is int code and >= 0 ? categoryOfCode[f][code] : -1,
                        destination.Slice(starts[f], Features[f].Width), unknownCategory);
            }
        }
    }

    /// <summary>
    /// Encodes rows 0..count-1 of a matrix into the same matrix, one at a time, each copied to a scratch row first:
    /// rows of InputCount values over rows of <paramref name="numericCount"/>. Wider ones go from the
    /// last row up (row r's output, from r·inputs, covers inputs of rows r and later only), narrower ones from the
    /// first down. A row's error does not stop the others (the matrix is lost anyway): the one thrown is the first
    /// row's, as in row order.
    /// </summary>
    private static void EncodeEachInPlace(int count, bool wider, int numericCount, Action<int, float[]> encodeRow)
    {
        var scratch = new float[numericCount];
        Exception? first = null;
        int firstRow = int.MaxValue;
        for (int i = 0; i < count; i++)
        {
            int j = wider ? count - 1 - i : i;
            try
            {
                encodeRow(j, scratch);
            }
            catch (InputException e) when (j < firstRow)
            {
                (first, firstRow) = (e, j);
            }
        }
        if (first is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }

    private static FeatureEncoding FitNumeric(RawData raw, RawColumn column, NumericStats stats, int[] trainRows, MissingValuePolicy? fill, float[] scratch)
    {
        int k = column.Slot;
        double? filler = fill switch
        {
            MissingValuePolicy.Mean => stats.Means[k],
            MissingValuePolicy.Median => raw.Offset(k) + Median(raw, column, trainRows, scratch),
            _ => null,
        };
        // A column without spread in the training rows is only centred (to 0), which is all it can be.
        float scale = stats.Deviations[k] > 0 ? (float)stats.Deviations[k] : 1f;
        return new FeatureEncoding(column.Name, false, stats.Means[k], scale, filler, [], null);
    }

    // Under a fill policy, a missing text is a category of its own, never the most frequent real one: "None" may be
    // a masonry type and a gap in the column something else again.
    private static FeatureEncoding FitText(RawColumn column, int[] categoryRows, bool fill)
    {
        var codes = TextCodes.Of(column.Texts!);
        var counts = codes.Counts(categoryRows);
        var categories = codes.Values.Where((_, code) => counts[code] > 0).Order(StringComparer.Ordinal).ToArray();
        bool missing = fill && counts.Sum() < categoryRows.Length;
        return new FeatureEncoding(column.Name, true, 0, 1, null, categories, null, missing);
    }

    private static (double[] Means, float[] Scales) FitTargets(RawData raw, int[] trainRows)
    {
        var means = new double[raw.Targets.Length];
        var scales = new float[raw.Targets.Length];
        for (int t = 0; t < raw.Targets.Length; t++)
        {
            var values = trainRows.Select(r => raw.TargetValue(r, t)).ToArray();
            double mean = values.Average();
            double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            if (std == 0)
                throw new InputException($"{raw.Path}: the target column '{raw.Targets[t].Name}' is constant ({mean.ToString(System.Globalization.CultureInfo.InvariantCulture)}) in the training rows; there is nothing to learn");
            (means[t], scales[t]) = (mean, (float)std);
        }
        return (means, scales);
    }

    /// <summary>The largest standardised regression target: its square times 10^8 rows still fits a float.</summary>
    public const float MaxScaledTarget = 1e15f;

    // A value the file can hold (any float) can still leave the float range once centred and divided by a small
    // scale; an infinite input would make every output of its row NaN.
    private static InputException NotFiniteWhenScaled(RawData raw, int row, RawColumn column, double value, double mean, float scale) =>
        InputException.At(raw.Path, raw.Lines[row], column.Index + 1, Invariant(
            $"{value:G9} in column '{column.Name}' is out of range for the model: scaled as (value - {mean:G9}) / {scale:G9} it is beyond the float range (±3.4e38)"));

    private double Fill(RawData raw, int row, RawColumn column, FeatureEncoding feature) =>
        feature.Fill ?? throw InputException.At(raw.Path, raw.Lines[row], column.Index + 1, $"column '{column.Name}' has a missing value; {FillAdvice}");

    /// <param name="category">The row's category, looked up by its text's code; -1 when its text is missing or not a category.</param>
    private void EncodeCategory(RawData raw, int row, RawColumn column, FeatureEncoding feature, Dictionary<string, int> index, int category, Span<float> block, UnknownCategoryPolicy unknownCategory)
    {
        if (category >= 0)
        {
            block[category] = 1f;
            return;
        }
        string? text = column.Texts![row] ?? feature.FillCategory;
        if (text is null)
        {
            if (feature.MissingCategory)
                block[feature.Categories.Length] = 1f;
            // A model that fills learned no missing category where its training rows had no gap: all zeros, as an
            // unseen category; one that does not fill stops.
            else if (Missing is not (MissingValuePolicy.Mean or MissingValuePolicy.Median))
                throw InputException.At(raw.Path, raw.Lines[row], column.Index + 1, $"column '{column.Name}' has a missing value; {FillAdvice}");
            return;
        }
        if (index.TryGetValue(text, out category))
            block[category] = 1f;
        else if (unknownCategory == UnknownCategoryPolicy.Error)
            throw InputException.At(raw.Path, raw.Lines[row], column.Index + 1,
                $"'{CsvScan.Shorten(text)}' in column '{column.Name}' is a category the training data did not have; expected one of {string.Join(", ", feature.Categories.Take(10).Select(c => $"'{CsvScan.Shorten(c)}'"))}{(feature.Categories.Length > 10 ? ", ..." : "")}, or use --unknown-category ignore");
    }

    private string FillAdvice => Missing == MissingValuePolicy.DropRows ? "rows with missing values are left out (--missing drop-rows)" : "train with --missing mean|median to fill them";

    /// <summary>The median of the column's non-missing training values (the mean of the middle two for an even
    /// count; 0 when there are none), found by selection in <paramref name="scratch"/> (trainRows.Length) in O(n).</summary>
    internal static float Median(RawData raw, RawColumn column, int[] trainRows, float[] scratch)
    {
        int n = 0;
        foreach (int r in trainRows)
        {
            float value = raw.Number(r, column);
            if (!float.IsNaN(value))
                scratch[n++] = value;
        }
        if (n == 0)
            return 0;
        var values = scratch.AsSpan(0, n);
        int middle = n / 2;
        float upper = Select(values, middle);
        if (n % 2 == 1)
            return upper;
        // Select left every value below position middle no larger than values[middle]: the lower middle is their maximum.
        float lower = float.NegativeInfinity;
        foreach (float value in values[..middle])
            lower = MathF.Max(lower, value);
        return (lower + upper) / 2;
    }

    /// <summary>The k-th smallest of <paramref name="values"/> (0-based, no NaN), partially reordering them so that
    /// everything before k is no larger and everything after no smaller (Hoare's quickselect, middle pivot).</summary>
    private static float Select(Span<float> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            float pivot = values[left + (right - left) / 2];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                    i++;
                while (values[j] > pivot)
                    j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
                right = j;
            else if (k >= i)
                left = i;
            else
                break;
        }
        return values[k];
    }
}
