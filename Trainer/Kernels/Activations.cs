namespace NeuralNet.Kernels;

// PLACEHOLDER until the SIMD kernels of issue 3 are merged: the same entry points, scalar.
public static class Activations
{
    public static void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = x[i] > 0 ? x[i] : float.IsNaN(x[i]) ? x[i] : 0f;
    }

    public static void Relu(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = x[i] > 0 ? x[i] : double.IsNaN(x[i]) ? x[i] : 0d;
    }

    public static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++)
            dx[i] = x[i] > 0 ? dy[i] : 0f;
    }

    public static void ReluBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> dy, Span<double> dx)
    {
        for (int i = 0; i < x.Length; i++)
            dx[i] = x[i] > 0 ? dy[i] : 0d;
    }
}
