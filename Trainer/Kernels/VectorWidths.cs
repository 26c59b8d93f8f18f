using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.Kernels;

/// <summary>
/// One vector width seen through a common face, so <see cref="ElementwiseLoop"/> is written once for all widths
/// and the operators keep their plain per-width <c>Invoke</c> overloads. Every member is a one-line forward that
/// the JIT inlines per instantiation.
/// </summary>
internal unsafe interface IVectorWidth<T, TVector>
    where T : unmanaged
    where TVector : struct
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    static abstract TVector Load(T* source);

    static abstract void Store(TVector value, T* destination);

    /// <summary>A streaming store that bypasses the caches; <paramref name="destination"/> must be vector-aligned.</summary>
    static abstract void StoreAlignedNonTemporal(TVector value, T* destination);

    static abstract TVector Unary<TOp, TParameters>(TVector x, in TParameters parameters)
        where TOp : IUnaryOperator<T, TParameters>
        where TParameters : struct;

    static abstract TVector Binary<TOp, TParameters>(TVector x, TVector y, in TParameters parameters)
        where TOp : IBinaryOperator<T, TParameters>
        where TParameters : struct;
}

internal readonly unsafe struct Width512<T> : IVectorWidth<T, Vector512<T>>
    where T : unmanaged
{
    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreAlignedNonTemporal(Vector512<T> value, T* destination) => value.StoreAlignedNonTemporal(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Unary<TOp, TParameters>(Vector512<T> x, in TParameters parameters)
        where TOp : IUnaryOperator<T, TParameters>
        where TParameters : struct => TOp.Invoke(x, parameters);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Binary<TOp, TParameters>(Vector512<T> x, Vector512<T> y, in TParameters parameters)
        where TOp : IBinaryOperator<T, TParameters>
        where TParameters : struct => TOp.Invoke(x, y, parameters);
}

internal readonly unsafe struct Width256<T> : IVectorWidth<T, Vector256<T>>
    where T : unmanaged
{
    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(T* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreAlignedNonTemporal(Vector256<T> value, T* destination) => value.StoreAlignedNonTemporal(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Unary<TOp, TParameters>(Vector256<T> x, in TParameters parameters)
        where TOp : IUnaryOperator<T, TParameters>
        where TParameters : struct => TOp.Invoke(x, parameters);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Binary<TOp, TParameters>(Vector256<T> x, Vector256<T> y, in TParameters parameters)
        where TOp : IBinaryOperator<T, TParameters>
        where TParameters : struct => TOp.Invoke(x, y, parameters);
}

internal readonly unsafe struct Width128<T> : IVectorWidth<T, Vector128<T>>
    where T : unmanaged
{
    public static int Count => Vector128<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(T* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreAlignedNonTemporal(Vector128<T> value, T* destination) => value.StoreAlignedNonTemporal(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Unary<TOp, TParameters>(Vector128<T> x, in TParameters parameters)
        where TOp : IUnaryOperator<T, TParameters>
        where TParameters : struct => TOp.Invoke(x, parameters);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Binary<TOp, TParameters>(Vector128<T> x, Vector128<T> y, in TParameters parameters)
        where TOp : IBinaryOperator<T, TParameters>
        where TParameters : struct => TOp.Invoke(x, y, parameters);
}
