namespace NeuralNet.LinearAlgebra;

/// <summary>
/// OpenBLAS was asked for (<see cref="BlasChoice.OpenBlas"/>) but could not be used.
/// The message is one line: what failed and how to install the library.
/// </summary>
public sealed class BlasUnavailableException : Exception
{
    public BlasUnavailableException()
        : base("OpenBLAS is unavailable.")
    {
    }

    public BlasUnavailableException(string message)
        : base(message)
    {
    }

    public BlasUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
