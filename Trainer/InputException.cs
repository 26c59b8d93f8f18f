namespace NeuralNet;

/// <summary>
/// A problem with the user's input that they can fix: a missing file, a malformed row, an unusable column.
/// The message is one line that starts with the location, <c>file:line:column:</c> where those are known.
/// The CLI prints it as it is and exits with code 2, without a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message)
    {
    }

    public InputException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>A problem at a place in a file; <paramref name="line"/> and <paramref name="column"/> are 1-based, 0 when unknown.</summary>
    public static InputException At(string path, long line, int column, string problem)
    {
        string where = (line, column) switch
        {
            (> 0, > 0) => $"{path}:{line}:{column}",
            (> 0, _) => $"{path}:{line}",
            _ => path,
        };
        return new InputException($"{where}: {problem}");
    }
}
