namespace NeuralNet.Kernels;

/// <summary>The driver of every two-input kernel: dx[i] = TOp(x[i], dy[i]), as in a backward pass.</summary>
internal static unsafe class BinaryDriver
{
    public static void Run<T, TOp, TParameters>(
        ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, in TParameters parameters, SimdWidth width, LargeArrayPath? path = null)
        where T : unmanaged
        where TOp : IBinaryOperator<T, TParameters>
        where TParameters : struct
    {
        SpanChecks.SameLength(x, dy, nameof(dy));
        SpanChecks.DestinationFits(x.Length, dx, nameof(dx));
        SpanChecks.NoPartialOverlap(x, dx, nameof(dx));
        SpanChecks.NoPartialOverlap(dy, dx, nameof(dx));

        fixed (T* xPointer = x)
        fixed (T* dyPointer = dy)
        fixed (T* dxPointer = dx)
        {
            var source = new Source<T, TOp, TParameters>(xPointer, dyPointer, parameters);
            bool inPlace = dxPointer == xPointer || dxPointer == dyPointer;
            ElementwiseLoop.Run<T, Source<T, TOp, TParameters>>(source, dxPointer, (nuint)x.Length, inPlace, width, path);
        }
    }

    private readonly struct Source<T, TOp, TParameters> : IElementwiseSource<T>
        where T : unmanaged
        where TOp : IBinaryOperator<T, TParameters>
        where TParameters : struct
    {
        private readonly T* _x;
        private readonly T* _dy;
        private readonly TParameters _parameters;

        public Source(T* x, T* dy, TParameters parameters)
        {
            _x = x;
            _dy = dy;
            _parameters = parameters;
        }

        public T Compute(nuint index) => TOp.Invoke(_x[index], _dy[index], _parameters);

        public TVector Compute<TWidth, TVector>(nuint index)
            where TWidth : IVectorWidth<T, TVector>
            where TVector : struct =>
            TWidth.Binary<TOp, TParameters>(TWidth.Load(_x + index), TWidth.Load(_dy + index), _parameters);
    }
}
