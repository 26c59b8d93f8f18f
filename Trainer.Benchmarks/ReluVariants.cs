using System.Numerics;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The ReLU forms from the numpy discussion, written the way a C# programmer would translate each. Every form
/// takes (x, y); the in-place benchmarks pass the same array as both.
/// </summary>
internal static class ReluVariants
{
    public static void IfBranch<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > T.Zero)
            {
                y[i] = x[i];
            }
            else
            {
                y[i] = T.Zero;
            }
        }
    }

    /// <summary>T.Max is Math.Max for float and double.</summary>
    public static void MathMax<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = T.Max(x[i], T.Zero);
        }
    }

    /// <summary>x * (x &gt; 0): turns −∞ into NaN (−∞ · 0) and keeps −0 (−0 · 1, or negative · 0).</summary>
    public static void TimesMask<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * (x[i] > T.Zero ? T.One : T.Zero);
        }
    }

    public static void AbsPlusHalf<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.One + T.One;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = (T.Abs(x[i]) + x[i]) / two;
        }
    }

    /// <summary>x[x &lt; 0] = 0: a boolean mask pass, then an assignment pass. Out of place copies first.</summary>
    public static void MaskedAssign<T>(ReadOnlySpan<T> x, Span<T> y, Span<bool> mask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!x.Overlaps(y))
        {
            x.CopyTo(y);
        }

        for (int i = 0; i < x.Length; i++)
        {
            mask[i] = y[i] < T.Zero;
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (mask[i])
            {
                y[i] = T.Zero;
            }
        }
    }

    public static void VectorMax<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            Vector.Max(new Vector<T>(x[i..]), Vector<T>.Zero).CopyTo(y[i..]);
        }

        for (; i < x.Length; i++)
        {
            y[i] = T.Max(x[i], T.Zero);
        }
    }

    /// <summary>The thread's backward: dout * (x &gt; 0).</summary>
    public static void BackwardTimesMask<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = dy[i] * (x[i] > T.Zero ? T.One : T.Zero);
        }
    }
}
