namespace NeuralNet.LinearAlgebra;

/// <summary>Which MathNet linear-algebra provider <see cref="BlasBackend.Use(BlasChoice)"/> installs (the CLI's <c>--blas</c>).</summary>
public enum BlasChoice
{
    /// <summary>OpenBLAS when <c>libopenblas.so.0</c> loads, else MathNet's managed provider with a notice.</summary>
    Auto,

    /// <summary>OpenBLAS or <see cref="BlasUnavailableException"/>.</summary>
    OpenBlas,

    /// <summary>MathNet's managed provider.</summary>
    Managed,
}
