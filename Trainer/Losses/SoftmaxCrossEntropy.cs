using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;

namespace NeuralNet.Losses;

/// <summary>
/// Softmax followed by cross-entropy, fused: loss = mean over samples of −Σₖ tₖ·log softmax(z)ₖ.
/// Computing log-softmax as z − max − log Σ exp(z − max) never overflows, and the fused gradient
/// (softmax(z)·Σt − t) / batch avoids dividing by probabilities that underflow to 0.
/// With label smoothing ε the target is (1 − ε)·t + ε·Σt/k: each class keeps a little of the sample's weight, so the
/// logits are not pushed towards ±∞ on rows the network already gets right (RealMLP uses ε = 0.1).
/// </summary>
/// <param name="smoothing">ε in [0, 1); 0 is plain cross-entropy. Used while training only: the trainer scores
/// validation and test rows with plain cross-entropy.</param>
public sealed class SoftmaxCrossEntropy<T>(int classes, double smoothing = 0) : ILoss<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly T _keep = T.CreateChecked(1 - smoothing);            // share of the one-hot target kept
    private readonly T _spread = T.CreateChecked(smoothing / classes);     // share of the sample's weight given to each class

    private readonly BatchBuffers<T> _probabilities = new(classes); // (k, batch)
    private readonly BatchBuffers<T> _gradients = new(classes);     // (k, batch)
    private Matrix<T>? _softmax; // (k, batch), cached by Forward: the gradient is built from it
    private Matrix<T>? _target;  // (k, batch), cached by Forward for the same reason

    /// <summary>The softmax probabilities of the last Forward, (k, batch).</summary>
    public Matrix<T> Probabilities => _softmax ?? throw new InvalidOperationException("Forward has not run.");

    public T Forward(Matrix<T> output, Matrix<T> target)
    {
        LayerChecks.Rows(output, classes, "output");
        LayerChecks.Shape(target, classes, output.ColumnCount, "target");
        int batch = output.ColumnCount;
        var probabilities = _probabilities.For(batch);
        var z = output.AsColumnMajorArray();
        var t = target.AsColumnMajorArray();
        var p = probabilities.AsColumnMajorArray();
        T total = T.Zero;
        for (int j = 0; j < batch; j++)
        {
            var zj = z.AsSpan(j * classes, classes);
            var tj = t.AsSpan(j * classes, classes);
            var pj = p.AsSpan(j * classes, classes);
            var (max, logSum) = Softmax(zj, pj);
            T spread = _spread == T.Zero ? T.Zero : _spread * Sum(tj);
            for (int k = 0; k < classes; k++)
            {
                T smoothed = _keep * tj[k] + spread;
                // Skipping zero targets keeps 0·(−∞) from turning the loss into NaN.
                if (smoothed != T.Zero)
                    total -= smoothed * (zj[k] - max - logSum);
            }
        }
        _softmax = probabilities;
        _target = target;
        return total / T.CreateChecked(batch);
    }

    /// <summary>softmax(z) into <paramref name="p"/> (which may be <paramref name="z"/> itself), shifted by the maximum
    /// so that exp never overflows. Returns that maximum and log Σ exp(z − max), from which log softmax is z − max − logSum.
    /// The one softmax of the trainer: predict uses it too.</summary>
    public static (T Max, T LogSum) Softmax(ReadOnlySpan<T> z, Span<T> p)
    {
        T max = z[0];
        foreach (var value in z)
            max = T.Max(max, value);
        T sum = T.Zero;
        for (int k = 0; k < z.Length; k++)
        {
            p[k] = T.Exp(z[k] - max);
            sum += p[k];
        }
        T logSum = T.Log(sum);
        for (int k = 0; k < p.Length; k++)
            p[k] /= sum;
        return (max, logSum);
    }

    public ILoss<T> WithOwnBuffers() => new SoftmaxCrossEntropy<T>(classes, smoothing);

    private static T Sum(ReadOnlySpan<T> values)
    {
        T sum = T.Zero;
        foreach (var value in values)
            sum += value;
        return sum;
    }

    public Matrix<T> Backward() => Backward((_softmax ?? throw new InvalidOperationException("Backward called before Forward.")).ColumnCount);

    public Matrix<T> Backward(int batchSize)
    {
        var probabilities = _softmax ?? throw new InvalidOperationException("Backward called before Forward.");
        int batch = probabilities.ColumnCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, batch);
        var gradient = _gradients.For(batch);
        var p = probabilities.AsColumnMajorArray();
        var t = _target!.AsColumnMajorArray();
        var g = gradient.AsColumnMajorArray();
        T scale = T.One / T.CreateChecked(batchSize);
        for (int j = 0; j < batch; j++)
        {
            int start = j * classes;
            T targetSum = Sum(t.AsSpan(start, classes));
            T spread = _spread * targetSum;
            for (int k = 0; k < classes; k++)
                g[start + k] = (p[start + k] * targetSum - (_keep * t[start + k] + spread)) * scale;
        }
        return gradient;
    }
}
