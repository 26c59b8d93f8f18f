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
    /// <summary>
    /// Destination size from which streaming stores pay, out of place only. Measured on the 2-core EPYC (float ReLU
    /// out of place, repeated over the same arrays): below 4 MB they double the time (the data would have stayed
    /// in cache), at 8 MB they are even, at 32 MB 12% faster; on 5000×5000 double 3–10% faster.
    /// In place they lose (backward with dx = dy: 13 ms → 17–23 ms), as the line was just loaded into the cache.
    /// </summary>
    internal const long NonTemporalMinBytes = 16L << 20;

    /// <summary>
    /// Destination size from which both cores pay. Parallel.For costs about 20 µs when the other core is busy
    /// (a 64 KB ReLU takes 1 µs) and only breaks even near 8–32 MB then; with the other core idle, both cores
    /// made 5000×5000 double ReLU 1.3–2× faster. Split in two halves they were 10–20% slower than one core when
    /// other builds kept the machine busy (load 7); in 2 MB chunks they were even or faster there too.
    /// </summary>
    internal const long TwoThreadsMinBytes = 8L << 20;

    /// <summary>The work one thread claims at a time on both cores: about 50 µs of memory traffic.</summary>
    internal const long ChunkBytes = 2L << 20;

    // inPlace: the destination is one of the inputs; then streaming stores are not chosen by size.
    public static void Run<T, TSource>(in TSource source, T* destination, nuint length, bool inPlace, SimdWidth width, LargeArrayPath? path)
        where T : unmanaged
        where TSource : struct, IElementwiseSource<T>
    {
        width = SimdWidths.Resolve(width);
        LargeArrayPath chosen = path ?? ChooseBySize(length * (nuint)sizeof(T), inPlace);
        bool nonTemporal = (chosen & LargeArrayPath.NonTemporalStores) != 0;

        if ((chosen & LargeArrayPath.TwoThreads) == 0 || length < 2)
        {
            RunChunk(source, destination, 0, length, width, nonTemporal);
        }
        else
        {
            RunOnBothCores(source, destination, length, width, nonTemporal);
        }
    }

    // Kept out of Run: the lambda's captures would otherwise allocate a closure on every call, threaded or not.
    private static void RunOnBothCores<T, TSource>(TSource source, T* destination, nuint length, SimdWidth width, bool nonTemporal)
        where T : unmanaged
        where TSource : struct, IElementwiseSource<T>
    {
        // Many chunks, claimed one at a time, rather than two halves: on a shared machine the pool thread may be
        // descheduled, and then the calling thread takes over the chunks it has not claimed instead of waiting.
        // Chunks start on 64-element boundaries, so all of them share one alignment phase; short spans (forced in
        // tests) still split in two.
        nuint half = (((length + 1) / 2) + 63) & ~(nuint)63;
        nuint chunk = Math.Min((nuint)(ChunkBytes / sizeof(T)), half);
        long chunks = (long)((length + chunk - 1) / chunk);
        Parallel.For(0, chunks, index =>
        {
            nuint start = (nuint)index * chunk;
            RunChunk(source, destination, start, Math.Min(start + chunk, length), width, nonTemporal);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static LargeArrayPath ChooseBySize(nuint destinationBytes, bool inPlace) =>
        (!inPlace && (long)destinationBytes >= NonTemporalMinBytes ? LargeArrayPath.NonTemporalStores : LargeArrayPath.None)
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
        bool alignable = misalignedBytes % (nuint)sizeof(T) == 0 && end - start >= 2 * count;
        if (misalignedBytes == 0 || !alignable)
        {
            Body(source, destination, start, end, nonTemporal && misalignedBytes == 0);
        }
        else
        {
            TVector first = source.Compute<TWidth, TVector>(start);
            nuint alignedStart = start + ((vectorBytes - misalignedBytes) / (nuint)sizeof(T));
            Body(source, destination, alignedStart, end, nonTemporal);
            TWidth.Store(first, destination + start);
        }

        TWidth.Store(last, destination + end - count);

        static void Body(in TSource source, T* destination, nuint start, nuint end, bool nonTemporal)
        {
            if (nonTemporal)
            {
                Body<T, TSource, TWidth, TVector, StreamingStore>(source, destination, start, end);

                // Streaming stores are weakly ordered: fence them before the caller's ordinary stores and before
                // the other chunk's thread is joined.
                if (Sse.IsSupported)
                {
                    Sse.StoreFence();
                }
            }
            else
            {
                Body<T, TSource, TWidth, TVector, CachedStore>(source, destination, start, end);
            }
        }
    }

    /// <summary>Whole vectors from <paramref name="start"/>; the remainder (less than one vector) is left to the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Body<T, TSource, TWidth, TVector, TStore>(in TSource source, T* destination, nuint start, nuint end)
        where T : unmanaged
        where TSource : struct, IElementwiseSource<T>
        where TWidth : IVectorWidth<T, TVector>
        where TVector : struct
        where TStore : IStoreKind
    {
        nuint count = (nuint)TWidth.Count;
        nuint i = start;

        // A local copy lets the JIT keep the source's pointers in registers instead of reloading them.
        TSource local = source;

        // Eight independent vectors per step keep enough loads in flight to reach memory bandwidth.
        for (; i + (8 * count) <= end; i += 8 * count)
        {
            T* d = destination + i;
            TVector v0 = local.Compute<TWidth, TVector>(i);
            TVector v1 = local.Compute<TWidth, TVector>(i + count);
            TVector v2 = local.Compute<TWidth, TVector>(i + (2 * count));
            TVector v3 = local.Compute<TWidth, TVector>(i + (3 * count));
            TStore.Store<T, TWidth, TVector>(v0, d);
            TStore.Store<T, TWidth, TVector>(v1, d + count);
            TStore.Store<T, TWidth, TVector>(v2, d + (2 * count));
            TStore.Store<T, TWidth, TVector>(v3, d + (3 * count));
            TVector v4 = local.Compute<TWidth, TVector>(i + (4 * count));
            TVector v5 = local.Compute<TWidth, TVector>(i + (5 * count));
            TVector v6 = local.Compute<TWidth, TVector>(i + (6 * count));
            TVector v7 = local.Compute<TWidth, TVector>(i + (7 * count));
            TStore.Store<T, TWidth, TVector>(v4, d + (4 * count));
            TStore.Store<T, TWidth, TVector>(v5, d + (5 * count));
            TStore.Store<T, TWidth, TVector>(v6, d + (6 * count));
            TStore.Store<T, TWidth, TVector>(v7, d + (7 * count));
        }

        for (; i + count <= end; i += count)
        {
            TStore.Store<T, TWidth, TVector>(local.Compute<TWidth, TVector>(i), destination + i);
        }
    }

    /// <summary>How the body stores a vector; a type parameter, so each kind compiles to its own branch-free loop.</summary>
    private interface IStoreKind
    {
        static abstract void Store<T, TWidth, TVector>(TVector value, T* destination)
            where T : unmanaged
            where TWidth : IVectorWidth<T, TVector>
            where TVector : struct;
    }

    private readonly struct CachedStore : IStoreKind
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store<T, TWidth, TVector>(TVector value, T* destination)
            where T : unmanaged
            where TWidth : IVectorWidth<T, TVector>
            where TVector : struct => TWidth.Store(value, destination);
    }

    /// <summary>Needs a vector-aligned destination.</summary>
    private readonly struct StreamingStore : IStoreKind
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store<T, TWidth, TVector>(TVector value, T* destination)
            where T : unmanaged
            where TWidth : IVectorWidth<T, TVector>
            where TVector : struct => TWidth.StoreAlignedNonTemporal(value, destination);
    }
}
