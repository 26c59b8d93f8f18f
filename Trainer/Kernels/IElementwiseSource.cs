namespace NeuralNet.Kernels;

/// <summary>
/// Where <see cref="ElementwiseLoop"/> gets the value of output element <c>i</c>: it loads the op's inputs at
/// <c>i</c> and applies the op. One implementation per arity (<see cref="UnaryDriver"/>, <see cref="BinaryDriver"/>).
/// </summary>
internal interface IElementwiseSource<T>
    where T : unmanaged
{
    T Compute(nuint index);

    TVector Compute<TWidth, TVector>(nuint index)
        where TWidth : IVectorWidth<T, TVector>
        where TVector : struct;
}
