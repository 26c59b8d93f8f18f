using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.Kernels;

/// <summary>
/// The loop every elementwise kernel runs: destination[i] = source.Compute(i) for i in [0, length), at the widest
/// allowed width, falling back 512 → 256 → 128 → scalar when a (chunk of the) span is shorter than one vector.
/// Exact in place (destination aliasing an input at offset 0) is safe: every vector is loaded and computed before
/// its own store, and the overlapping first and last vectors are computed before anything is written.
/// </summary>
internal static unsafe class ElementwiseLoop
{
    /// <summary>Destination size from which streaming stores pay (placeholder until measured).</summary>
    internal const long NonTemporalMinBytes = 8L << 20;

    /// <summary>Destination size from which two threads pay (placeholder until measured).</summary>
    internal const long TwoThreadsMinBytes = 1L << 20;

    public static void Run<T, TSource>(in TSource source, T* destination, nuint length, SimdWidth width, LargeArrayPath? path)
        where T : unmanaged
        where TSource : struct, IElementwiseSource<T>
    {
        width = SimdWidths.Resolve(width);
        LargeArrayPath chosen = path ?? ChooseBySize(length * (nuint)sizeof(T));
        bool nonTemporal = (chosen & LargeArrayPath.NonTemporalStores) != 0;

        if ((chosen & LargeArrayPath.TwoThreads) == 0 || length < 2)
        {
            RunChunk(source, destination, 0, length, width, nonTemporal);
            return;
        }

        // Two chunks split on a 64-element boundary, so both start at the same alignment phase.
        nuint split = length / 2 & ~(nuint)63;
        split = split == 0 ? length / 2 : split;
        TSource copy = source;
        Parallel.For(0, 2, chunk =>
        {
            if (chunk == 0)
            {
                RunChunk(copy, destination, 0, split, width, nonTemporal);
            }
            else
            {
                RunChunk(copy, destination, split, length, width, nonTemporal);
            }
        });
    }

    private static LargeArrayPath ChooseBySize(nuint destinationBytes) =>
        ((long)destinationBytes >= NonTemporalMinBytes ? LargeArrayPath.NonTemporalStores : LargeArrayPath.None)
        | ((long)destinationBytes >= TwoThreadsMinBytes ? LargeArrayPath.TwoThreads : LargeArrayPath.None);

    private static void RunChunk<T, TSource>(in TSource source, T* destination, nuint start, nuint end, SimdWidth width, bool nonTemporal)
        where T : unmanaged
        where TSource : struct, IElementwiseSource<T>
    {
        nuint length = end - start;
        if (width == SimdWidth.Vector512)
        {
            if (length >= (nuint)Vector512<T>.Count)
            {
                RunVectors<T, TSource, Width512<T>, Vector512<T>>(source, destination, start, end, nonTemporal);
                return;
            }

            width = SimdWidth.Vector256;
        }

        if (width == SimdWidth.Vector256)
        {
            if (length >= (nuint)Vector256<T>.Count)
            {
                RunVectors<T, TSource, Width256<T>, Vector256<T>>(source, destination, start, end, nonTemporal);
                return;
            }

            width = SimdWidth.Vector128;
        }

        if (width == SimdWidth.Vector128 && length >= (nuint)Vector128<T>.Count)
        {
            RunVectors<T, TSource, Width128<T>, Vector128<T>>(source, destination, start, end, nonTemporal);
            return;
        }

        for (nuint i = start; i < end; i++)
        {
            destination[i] = source.Compute(i);
        }
    }

    /// <summary>Needs end - start ≥ one vector. Shape: [first (unaligned)] [aligned body, 4× unrolled] [last (unaligned)].</summary>
    private static void RunVectors<T, TSource, TWidth, TVector>(in TSource source, T* destination, nuint start, nuint end, bool nonTemporal)
        where T : unmanaged
        where TSource : struct, IElementwiseSource<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : struct
    {
        nuint count = (nuint)TWidth.Count;
        nuint vectorBytes = count * (nuint)sizeof(T);
        TVector last = source.Compute<TWidth, TVector>(end - count);

        // Aligning the destination avoids a cache-line split on every 512-bit store and is what streaming stores
        // need. It is possible only if the destination is element-aligned, as every managed array is.
        nuint misalignedBytes = (nuint)(destination + start) % vectorBytes;
        if (misalignedBytes == 0 || misalignedBytes % (nuint)sizeof(T) != 0 || end - start < 2 * count)
        {
            Body<T, TSource, TWidth, TVector>(source, destination, start, end, nonTemporal && misalignedBytes == 0);
        }
        else
        {
            TVector first = source.Compute<TWidth, TVector>(start);
            nuint alignedStart = start + (vectorBytes - misalignedBytes) / (nuint)sizeof(T);
            Body<T, TSource, TWidth, TVector>(source, destination, alignedStart, end, nonTemporal);
            TWidth.Store(first, destination + start);
        }

        TWidth.Store(last, destination + end - count);
    }

    /// <summary>Whole vectors from <paramref name="start"/>; the remainder (less than one vector) is left to the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Body<T, TSource, TWidth, TVector>(in TSource source, T* destination, nuint start, nuint end, bool nonTemporal)
        where T : unmanaged
        where TSource : struct, IElementwiseSource<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : struct
    {
        nuint count = (nuint)TWidth.Count;
        nuint i = start;

        // Four independent vectors per step keep enough loads in flight to reach memory bandwidth.
        for (; i + 4 * count <= end; i += 4 * count)
        {
            TVector a = source.Compute<TWidth, TVector>(i);
            TVector b = source.Compute<TWidth, TVector>(i + count);
            TVector c = source.Compute<TWidth, TVector>(i + 2 * count);
            TVector d = source.Compute<TWidth, TVector>(i + 3 * count);
            Store<T, TWidth, TVector>(a, destination + i, nonTemporal);
            Store<T, TWidth, TVector>(b, destination + i + count, nonTemporal);
            Store<T, TWidth, TVector>(c, destination + i + 2 * count, nonTemporal);
            Store<T, TWidth, TVector>(d, destination + i + 3 * count, nonTemporal);
        }

        for (; i + count <= end; i += count)
        {
            Store<T, TWidth, TVector>(source.Compute<TWidth, TVector>(i), destination + i, nonTemporal);
        }

        if (nonTemporal && Sse.IsSupported)
        {
            // Streaming stores are weakly ordered: fence them before the caller's ordinary stores and before the
            // other chunk's thread is joined.
            Sse.StoreFence();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T, TWidth, TVector>(TVector value, T* destination, bool nonTemporal)
        where T : unmanaged
        where TWidth : IVectorWidth<T, TVector>
        where TVector : struct
    {
        if (nonTemporal)
        {
            TWidth.StoreAlignedNonTemporal(value, destination);
        }
        else
        {
            TWidth.Store(value, destination);
        }
    }
}
