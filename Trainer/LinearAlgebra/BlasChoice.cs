namespace NeuralNet.LinearAlgebra;

/// <summary>Which matrix product <see cref="BlasBackend.Use(BlasChoice)"/> chooses for the layers (the CLI's <c>--blas</c>).</summary>
public enum BlasChoice
{
    /// <summary>OpenBLAS when <c>libopenblas.so.0</c> loads, else MathNet's managed provider with a notice.</summary>
    Auto,

    /// <summary>OpenBLAS or <see cref="BlasUnavailableException"/>.</summary>
    OpenBlas,

    /// <summary>MathNet's managed provider.</summary>
    Managed,
}
