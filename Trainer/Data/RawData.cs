namespace NeuralNet.Data;

public enum ColumnKind
{
    Numeric,
    Text,
}

/// <summary>One column of a file as read: numbers go into the shared matrix of <see cref="RawData"/>, text into
/// <see cref="Texts"/>.</summary>
/// <param name="Index">0-based position in the file (column numbers in messages are Index + 1).</param>
/// <param name="Slot">For a numeric column, its row in <see cref="RawData.Numbers"/>; -1 for text.</param>
/// <param name="Texts">For a text column, the value of each row, null when missing; for a numeric column, null,
/// unless its cells are kept as text too (an ID column predict copies verbatim).</param>
public sealed record RawColumn(string Name, int Index, ColumnKind Kind, int Slot, string?[]? Texts);

/// <summary>
/// A CSV file as read. Numeric feature columns go straight into one matrix; text feature columns and the target
/// columns stay text, so that the task and the categories can be decided from all of their values.
/// </summary>
/// <param name="Path">The file, as the user named it (for messages).</param>
/// <param name="Dialect">How the file was read.</param>
/// <param name="Lines">The 1-based line of the file each row starts on, for messages about rows.</param>
/// <param name="Numbers">(NumericCount, Rows) column-major: the numeric features of row r at
/// [r·NumericCount, (r+1)·NumericCount), each as its difference from its slot's <see cref="Offsets"/>; NaN where a
/// value is missing.</param>
/// <param name="Features">The feature columns, in file order.</param>
/// <param name="Targets">The target columns, in the order they were asked for; always text.</param>
/// <param name="Dropped">Columns left out as asked (--drop), by name.</param>
/// <param name="Sniffed">What of <paramref name="Dialect"/> was sniffed rather than given.</param>
/// <param name="Encoding">The encoding the file was read in (its web name: utf-8, iso-8859-1, ...).</param>
/// <param name="Categorical">The feature columns read as text because --categorical named them, by name.</param>
public sealed record RawData(
    string Path,
    CsvDialect Dialect,
    int Rows,
    int[] Lines,
    float[] Numbers,
    int NumericCount,
    RawColumn[] Features,
    RawColumn[] Targets,
    string[] Dropped,
    DialectChoice Sniffed,
    string Encoding,
    string[] Categorical)
{
    /// <summary>Lines for the summary about how columns were read (a text column that also holds many numbers).</summary>
    public string[] Notes { get; init; } = [];

    /// <summary>The words that meant a missing value in the file (--na-values, else the default ones).</summary>
    public MissingValues Missing { get; init; } = MissingValues.Default;

    /// <summary>For each numeric slot, the value its <see cref="Numbers"/> are stored relative to (value = offset +
    /// stored, in double): 0 for most columns, a typical value of the column where a float could not keep its
    /// values apart (<see cref="NumericOffsets"/>). Empty means every offset is 0.</summary>
    public double[] Offsets { get; init; } = [];

    public double Offset(int slot) => Offsets.Length == 0 ? 0 : Offsets[slot];

    /// <summary>A numeric cell's value in double: its offset plus the stored float; NaN when missing.</summary>
    public double Value(int row, RawColumn column) => Offset(column.Slot) + Number(row, column);

    /// <summary>A stored float of <paramref name="slot"/> as the value it stands for, for messages: the float itself
    /// when the offset is 0 (its shortest form, as the file was read), else the double.</summary>
    public string ValueText(int slot, float stored) => Offset(slot) == 0
        ? stored.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : (Offset(slot) + stored).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public string[] FeatureNames => [.. Features.Select(c => c.Name)];

    public string[] TargetNames => [.. Targets.Select(c => c.Name)];

    public float Number(int row, RawColumn column) => Numbers[row * NumericCount + column.Slot];

    public bool IsMissing(int row, RawColumn column) =>
        column.Kind == ColumnKind.Numeric ? float.IsNaN(Number(row, column)) : column.Texts![row] is null;

    // The target cells decoded once per file: the split, the fit and the encoding of every row set all read these.
    private (string[] ClassNames, int[] Labels)? _labels; // Labels (Rows): class index, -1 when not one of ClassNames
    private double[]? _targetValues;                      // (Targets, Rows) column-major: NaN when not a finite number

    /// <summary>The class index of each of <paramref name="rows"/> (by position) in <paramref name="classNames"/>;
    /// a target cell that is not one of them is an <see cref="InputException"/> naming it. The file's labels are
    /// decoded once for a given array of class names.</summary>
    public int[] Labels(string[] classNames, int[] rows)
    {
        if (_labels is not { } cached || !ReferenceEquals(cached.ClassNames, classNames))
        {
            var index = classNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
            // Each distinct text looked up once, then a code per row.
            var codes = TextCodes.Of(Targets[0].Texts!);
            var byCode = codes.Values.Select(text => index.TryGetValue(text, out int label) ? label : -1).ToArray();
            var labels = new int[Rows];
            for (int r = 0; r < Rows; r++)
                labels[r] = codes.Codes[r] is int code and >= 0 ? byCode[code] : -1;
            cached = (classNames, labels);
            _labels = cached;
        }
        var target = Targets[0];
        var result = new int[rows.Length];
        for (int j = 0; j < rows.Length; j++)
        {
            result[j] = cached.Labels[rows[j]];
            if (result[j] < 0)
                throw InputException.At(Path, Lines[rows[j]], target.Index + 1,
                    $"class '{CsvScan.Shorten(target.Texts![rows[j]] ?? "")}' in column '{target.Name}' was not in the training data; expected one of {string.Join(", ", classNames.Take(20).Select(CsvScan.Shorten))}");
        }
        return result;
    }

    /// <summary>Target <paramref name="target"/> of <paramref name="row"/> as a number (regression), in double, so that
    /// large values close together (1e9 + 10·x) stay apart until they are standardised; a cell that is not a finite
    /// number is an <see cref="InputException"/> naming it. The target columns are parsed once.</summary>
    public double TargetValue(int row, int target)
    {
        if (_targetValues is null)
        {
            var values = new double[Targets.Length * Rows];
            for (int t = 0; t < Targets.Length; t++)
            {
                var texts = Targets[t].Texts!;
                for (int r = 0; r < Rows; r++)
                    values[t * Rows + r] = Dialect.TryParseNumber(texts[r], out double value) ? value : double.NaN;
            }
            _targetValues = values;
        }
        double result = _targetValues[target * Rows + row];
        if (double.IsNaN(result))
        {
            var column = Targets[target];
            throw InputException.At(Path, Lines[row], column.Index + 1,
                $"'{CsvScan.Shorten(column.Texts![row] ?? "")}' in target column '{column.Name}' is not a finite number; a regression target must be");
        }
        // Its square (the squared error, the variance) must be a float too: a larger value would leave every other
        // row the same number once standardised, or overflow the loss, and the run would look diverged.
        if (!float.IsFinite((float)(result * result)))
        {
            var column = Targets[target];
            throw InputException.At(Path, Lines[row], column.Index + 1,
                $"'{CsvScan.Shorten(column.Texts![row] ?? "")}' in target column '{column.Name}' is too large: a regression target must be within ±1.8e19, so that its square is a finite float");
        }
        return result;
    }
}
