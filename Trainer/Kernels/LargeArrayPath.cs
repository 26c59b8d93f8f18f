namespace NeuralNet.Kernels;

/// <summary>
/// The large-array techniques <see cref="ElementwiseLoop"/> may use. The entry points choose them by size;
/// tests force them on small arrays so that their prologue and chunking are checked at every length.
/// </summary>
[Flags]
internal enum LargeArrayPath
{
    None = 0,

    /// <summary>Streaming stores to a vector-aligned destination, after an unaligned first vector.</summary>
    NonTemporalStores = 1,

    /// <summary>Both cores, through Parallel.For over chunks that each thread claims one at a time.</summary>
    TwoThreads = 2,
}
