using System.Globalization;

namespace NeuralNet.Data;

/// <summary>
/// Decides whether a feature column is numbers or text from all of its cells, the same wherever a cell sits:
/// <list type="bullet">
/// <item>numeric when every cell that is not a missing value is a number (<see cref="NumberGrammar"/>);</item>
/// <item>an error naming the first cell that is not a number, with the counts and the fixes, when those cells are
/// a few (<see cref="IsFewStrays"/>: at most <see cref="MaxStrays"/>, or <see cref="MaxStrayShare"/> of the
/// non-missing cells): a typo, an unknown missing-value word or a thousands separator in a numeric column;</item>
/// <item>text, silently, when none is a number, or when the numbers are a few codes among text: at most
/// <see cref="MaxCodeShare"/> of the non-missing cells, with at most <see cref="MaxDistinctCodes"/> distinct
/// values (sizes S, M, L, 10, 12);</item>
/// <item>text, with a note in the summary, when both are many (Titanic's Ticket: 661 numbers, 230 texts).</item>
/// </list>
/// <c>--numeric</c> and <c>--categorical</c> decide instead, as does a trained model for the files it reads.
/// </summary>
internal static class ColumnTypes
{
    public const double MaxCodeShare = 0.10;

    public const int MaxDistinctCodes = 20;

    public const int MaxStrays = 3;

    public const double MaxStrayShare = 0.05;

    /// <summary>The cells of a column read as numbers that are not numbers: how many, and the first.</summary>
    public sealed class NotNumbers(RecordProblem first)
    {
        public RecordProblem First { get; } = first;

        public int Count { get; set; }
    }

    /// <summary>How the read first tries a column whose kind is not given: as numbers when every sampled cell that is
    /// not missing is one (or an infinity, which is then reported as an error rather than taken as a category).</summary>
    public static ColumnKind FirstTry(CsvScan scan, int column) =>
        scan.Sample.All(row => row[column] is not { } text || NumberGrammar.Read(text, scan.Dialect.DecimalComma, out _) is CellKind.Number or CellKind.NotFinite)
            ? ColumnKind.Numeric
            : ColumnKind.Text;

    /// <summary>Checks every feature column of a read against the rule, or throws for a numeric column with a few
    /// stray texts. Returns the requests to read again as text (columns tried as numbers that are text), and the
    /// notes about text columns that also hold many numbers.</summary>
    public static (int[] Retry, string[] Notes) Decide(CsvScan scan, RawData raw, ColumnRequest[] requests, Dictionary<int, NotNumbers> notNumbers)
    {
        var retry = new List<int>();
        var notes = new List<string>();
        for (int i = 0; i < requests.Length; i++)
        {
            var request = requests[i];
            if (request.IsTarget)
                continue;
            var column = Array.Find(raw.Features, c => c.Index == request.Index)!;
            if (column.Kind == ColumnKind.Numeric)
            {
                if (!notNumbers.TryGetValue(request.Index, out var bad))
                    continue;
                if (request.Kind == ColumnKind.Numeric)
                    throw bad.First.ToException(scan, request.Name, request.Source == ColumnRequest.ByModel ? "as in the model's training data" : $"as --numeric {Quoted(request.Name)} says");
                var numbers = NumbersOf(raw, column);
                // A few distinct numbers may be a factor's levels beside a word (Cylinders 3, 4, 6, 8 and 'rotary'): read
                // again as text, where the words are looked at.
                if (numbers.Count > 0 && !AreCodes(numbers.Count, numbers.Distinct, bad.Count) && IsFewStrays(numbers.Count, bad.Count)
                    && numbers.Distinct > MaxDistinctCodes)
                    throw Mixed(scan.Path, raw.Dialect, bad.First.Line, column, bad.First.Text, numbers.Count, raw.Rows);
                retry.Add(i); // text, with or without a note: decided by the branch below on the next read
            }
            else if (request.Kind is null)
            {
                // With a decimal comma, 5.1 is neither 5,1 nor 51 (no thousands separators are read): a column of
                // such numbers would otherwise become categories without a word.
                if (raw.Dialect.DecimalComma && Array.FindIndex(column.Texts!, t => t is not null && t.Contains('.', StringComparison.Ordinal) && NumberGrammar.IsNumber(t, false, out _)) is int point and >= 0)
                    throw InputException.At(scan.Path, raw.Lines[point], column.Index + 1,
                        $"'{CsvScan.Shorten(column.Texts![point]!)}' in column '{column.Name}' is not a number{RecordProblem.Hint(column.Texts[point]!, raw.Dialect)}; fix the file{(raw.Sniffed.DecimalComma ? "" : ", leave out --decimal-comma if its numbers have a decimal point")}, or pass --categorical {Quoted(column.Name)} to read the column as text");
                var (count, distinct, firstText) = NumbersOf(column.Texts!, null, raw.Dialect.DecimalComma);
                int texts = TextCodes.Of(column.Texts!).Present - count;
                // A few strays among numbers keep the error below, with its counts and fixes.
                bool strays = count > 0 && !AreCodes(count, distinct, texts) && IsFewStrays(count, texts);
                if (!strays && Foreign(scan.Path, raw, column.Texts!, null, count, texts, $"column '{column.Name}'", column.Index) is { } foreign)
                    throw foreign;
                if (count == 0 || AreCodes(count, distinct, texts))
                    continue;
                string text = column.Texts![firstText]!;
                bool levels = distinct <= MaxDistinctCodes && count >= MinCellsPerLevel * distinct && AreWords(column.Texts!, raw.Dialect.DecimalComma);
                if (IsFewStrays(count, texts) && !levels)
                    throw Mixed(scan.Path, raw.Dialect, raw.Lines[firstText], column, text, count, raw.Rows);
                if (IsFewStrays(count, texts))
                {
                    notes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"levels: column '{column.Name}' has {distinct} distinct numbers and the word '{CsvScan.Shorten(text)}' (line {raw.Lines[firstText]}): read as categorical, one level each; pass --numeric {Quoted(column.Name)} to have the words refused"));
                    continue;
                }
                if (!ColumnScreening.IsDroppedText(raw, column))
                    notes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"mixed: column '{column.Name}' has numbers and text ({count} of {raw.Rows} cells are numbers; the first text, '{CsvScan.Shorten(text)}', at line {raw.Lines[firstText]}): read as categorical; pass --categorical {Quoted(column.Name)} to confirm it, or --numeric {Quoted(column.Name)} to have the text refused"));
            }
        }
        return ([.. retry], [.. notes]);
    }

    /// <summary>The error for a column with numbers in a foreign convention (<see cref="ForeignNumber"/>) beside plain
    /// numbers, whatever their share, or making up nearly all of it (at most a few other texts,
    /// <see cref="IsFewStrays"/>): it names the first such cell; null when there is none of them or they are a few
    /// among text.</summary>
    /// <param name="rows">The rows of <paramref name="texts"/> to look at, in order; null for all of them.</param>
    public static InputException? Foreign(string path, RawData raw, string?[] texts, int[]? rows, int numbers, int others, string what, int columnIndex)
    {
        // Each distinct text is described once; the rows are counted by code.
        var codes = TextCodes.Of(texts);
        var described = codes.Values.Select(text => NumberGrammar.IsNumber(text, raw.Dialect.DecimalComma, out _) ? null : ForeignNumber.Describe(text, raw.Dialect)).ToArray();
        var counts = codes.Counts(rows);
        int foreign = 0;
        for (int code = 0; code < described.Length; code++)
            foreign += described[code] is null ? 0 : counts[code];
        if (foreign == 0 || (numbers == 0 && !IsFewStrays(foreign, others - foreign)))
            return null;
        int first = FirstRow(codes, rows, code => described[code] is not null);
        string cell = texts[first]!;
        return InputException.At(path, raw.Lines[first], columnIndex + 1, string.Create(CultureInfo.InvariantCulture,
            $"'{CsvScan.Shorten(cell)}' in {what} is {described[codes.Codes[first]]} ({foreign} such cells, {numbers} plain numbers, {others - foreign} other texts)"));
    }

    /// <summary>The first of <paramref name="rows"/> (all rows when null) whose text's code is <paramref name="wanted"/>; -1 if none.</summary>
    private static int FirstRow(TextCodes codes, int[]? rows, Func<int, bool> wanted)
    {
        var isWanted = Enumerable.Range(0, codes.Values.Length).Select(wanted).ToArray();
        int count = rows?.Length ?? codes.Codes.Length;
        for (int i = 0; i < count; i++)
        {
            int code = codes.Codes[rows is null ? i : rows[i]];
            if (code >= 0 && isWanted[code])
                return rows is null ? i : rows[i];
        }
        return -1;
    }

    /// <summary>Whether every cell that is not a number is a word (letters, no digit) that holds at least
    /// <see cref="MinLevelShare"/> of the column's cells: the level of a factor whose other levels are numbers, not a
    /// mistyped number or a stray note in a long numeric column.</summary>
    private static bool AreWords(string?[] texts, bool decimalComma)
    {
        var present = texts.Where(t => t is not null).ToArray();
        return present.Where(t => !NumberGrammar.IsNumber(t!, decimalComma, out _)).GroupBy(t => t, StringComparer.Ordinal)
            .All(word => word.Key!.Any(char.IsLetter) && !word.Key!.Any(char.IsAsciiDigit) && word.Count() >= MinLevelShare * present.Length);
    }

    /// <summary>The cells per distinct number, on average, from which a few distinct numbers are read as a factor's
    /// levels (they repeat, as levels do) rather than as measurements with a typo among them.</summary>
    public const int MinCellsPerLevel = 4;

    /// <summary>The least share of a column's cells a word among a few distinct numbers must hold to be read as one
    /// of its levels.</summary>
    public const double MinLevelShare = 0.01;

    /// <summary>Whether the cells that are not numbers are a few strays in a numeric column (an error).</summary>
    public static bool IsFewStrays(int numbers, int texts) => texts <= Math.Max(MaxStrays, MaxStrayShare * (numbers + texts));

    /// <summary>Whether numbers among texts are codes of a text column rather than values of a numeric one.</summary>
    public static bool AreCodes(int numbers, int distinctNumbers, int texts) =>
        numbers <= MaxCodeShare * (numbers + texts) && distinctNumbers <= MaxDistinctCodes;

    /// <summary><c>file:line:column: 'x' in column 'c' is not a number (148 of 150 cells are numbers); fix it, ...</c></summary>
    public static InputException Mixed(string path, CsvDialect dialect, long line, RawColumn column, string text, int numbers, int rows) =>
        InputException.At(path, line, column.Index + 1, string.Create(CultureInfo.InvariantCulture,
            $"'{CsvScan.Shorten(text)}' in column '{column.Name}' is not a number{RecordProblem.Hint(text, dialect)} ({numbers} of {rows} cells are numbers); fix it, mark it missing (empty or NA), or pass --categorical {Quoted(column.Name)}"));

    /// <summary>A column name as it would be typed in a shell.</summary>
    public static string Quoted(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? name : $"'{name.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static (int Count, int Distinct) NumbersOf(RawData raw, RawColumn column)
    {
        var distinct = new HashSet<float>();
        int count = 0;
        for (int r = 0; r < raw.Rows; r++)
        {
            float value = raw.Number(r, column);
            if (float.IsNaN(value))
                continue;
            count++;
            if (distinct.Count <= MaxDistinctCodes)
                distinct.Add(value);
        }
        return (count, distinct.Count);
    }

    /// <summary>The cells of a text column that are numbers: how many, how many distinct values (up to one past
    /// the limit), and the position of the first cell that is neither a number nor missing (-1 if none).</summary>
    /// <param name="rows">The rows to look at, in order; null for all of them (positions are then rows).</param>
    public static (int Count, int Distinct, int FirstText) NumbersOf(string?[] texts, int[]? rows, bool decimalComma)
    {
        // Texts repeat (categories): each distinct text is parsed once, and the rows counted by code.
        var codes = TextCodes.Of(texts);
        var isNumber = new bool[codes.Values.Length];
        var values = new double[codes.Values.Length];
        for (int code = 0; code < isNumber.Length; code++)
            isNumber[code] = NumberGrammar.IsNumber(codes.Values[code], decimalComma, out values[code]);
        var counts = codes.Counts(rows);
        var distinct = new HashSet<double>();
        int count = 0;
        for (int code = 0; code < isNumber.Length; code++)
        {
            if (!isNumber[code] || counts[code] == 0)
                continue;
            count += counts[code];
            if (distinct.Count <= MaxDistinctCodes)
                distinct.Add(values[code]);
        }
        int firstText = -1;
        int length = rows?.Length ?? texts.Length;
        for (int i = 0; i < length; i++)
        {
            int code = codes.Codes[rows is null ? i : rows[i]];
            if (code >= 0 && !isNumber[code])
            {
                firstText = i;
                break;
            }
        }
        return (count, distinct.Count, firstText);
    }
}
