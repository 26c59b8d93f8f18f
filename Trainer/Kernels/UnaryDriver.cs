namespace NeuralNet.Kernels;

/// <summary>The driver of every one-input kernel: y[i] = TOp(x[i]).</summary>
internal static unsafe class UnaryDriver
{
    public static void Run<T, TOp, TParameters>(
        ReadOnlySpan<T> x, Span<T> y, in TParameters parameters, SimdWidth width, LargeArrayPath? path = null)
        where T : unmanaged
        where TOp : IUnaryOperator<T, TParameters>
        where TParameters : struct
    {
        SpanChecks.DestinationFits(x.Length, y, nameof(y));
        SpanChecks.NoPartialOverlap(x, y, nameof(y));

        fixed (T* xPointer = x)
        fixed (T* yPointer = y)
        {
            var source = new Source<T, TOp, TParameters>(xPointer, parameters);
            ElementwiseLoop.Run<T, Source<T, TOp, TParameters>>(source, yPointer, (nuint)x.Length, yPointer == xPointer, width, path);
        }
    }

    private readonly struct Source<T, TOp, TParameters> : IElementwiseSource<T>
        where T : unmanaged
        where TOp : IUnaryOperator<T, TParameters>
        where TParameters : struct
    {
        private readonly T* _x;
        private readonly TParameters _parameters;

        public Source(T* x, TParameters parameters)
        {
            _x = x;
            _parameters = parameters;
        }

        public T Compute(nuint index) => TOp.Invoke(_x[index], _parameters);

        public TVector Compute<TWidth, TVector>(nuint index)
            where TWidth : IVectorWidth<T, TVector>
            where TVector : struct => TWidth.Unary<TOp, TParameters>(TWidth.Load(_x + index), _parameters);
    }
}
