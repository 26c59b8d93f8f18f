using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// An elementwise op of one input, y = f(x), written once per width. <typeparamref name="TParameters"/> carries
/// the op's scalar parameters (a threshold, slopes), or <see cref="NoParameters"/>.
/// </summary>
internal interface IUnaryOperator<T, TParameters>
    where T : unmanaged
    where TParameters : struct
{
    static abstract T Invoke(T x, in TParameters parameters);
    static abstract Vector128<T> Invoke(Vector128<T> x, in TParameters parameters);
    static abstract Vector256<T> Invoke(Vector256<T> x, in TParameters parameters);
    static abstract Vector512<T> Invoke(Vector512<T> x, in TParameters parameters);
}

/// <summary>An elementwise op of two inputs, such as a backward pass dx = f(x, dy).</summary>
internal interface IBinaryOperator<T, TParameters>
    where T : unmanaged
    where TParameters : struct
{
    static abstract T Invoke(T x, T y, in TParameters parameters);
    static abstract Vector128<T> Invoke(Vector128<T> x, Vector128<T> y, in TParameters parameters);
    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, in TParameters parameters);
    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y, in TParameters parameters);
}

/// <summary>The parameters of an op that has none.</summary>
internal readonly struct NoParameters;
