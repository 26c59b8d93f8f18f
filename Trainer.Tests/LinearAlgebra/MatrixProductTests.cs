using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>
/// A Dense layer built on the OpenBLAS product and one built on MathNet's managed product, with the same weights,
/// give the same output, parameter gradients and input gradient: the choice <c>--blas</c> makes changes speed, not
/// results (beyond rounding). Activations are (features, batch); W is (outputs, inputs).
/// </summary>
public class MatrixProductTests
{
    [TestCase(256, 784, 64)] // the benchmark network's layers, batch 64
    [TestCase(128, 256, 64)]
    [TestCase(10, 128, 64)]
    [TestCase(16, 4, 32)] // a 4-feature toy dataset, batch 32
    [TestCase(1, 64, 1)] // one output, one sample
    public void FloatLayerProductsAgree(int outputs, int inputs, int batch) =>
        AssertLayerProductsAgree<float>(OpenBlasForTests.Gemm, outputs, inputs, batch);

    [TestCase(128, 256, 64)]
    [TestCase(3, 5, 7)] // gradient checks run in double on small layers
    public void DoubleLayerProductsAgree(int outputs, int inputs, int batch) =>
        AssertLayerProductsAgree<double>(OpenBlasForTests.Gemm, outputs, inputs, batch);

    private static void AssertLayerProductsAgree<T>(IGemm<T> native, int outputs, int inputs, int batch)
        where T : struct, IFloatingPointIeee754<T>
    {
        var x = Matrix<T>.Build.Dense(inputs, batch, TestArrays.Random<T>(inputs * batch, seed: 2));
        var dz = Matrix<T>.Build.Dense(outputs, batch, TestArrays.Random<T>(outputs * batch, seed: 3));

        var expected = LayerProducts((IGemm<T>)(object)ManagedGemm.Instance, outputs, inputs, x, dz);
        var actual = LayerProducts(native, outputs, inputs, x, dz);

        var tolerance = TestArrays.Tolerance<T>(Math.Max(inputs, Math.Max(outputs, batch)));
        Assert.Multiple(() =>
        {
            foreach (var name in expected.Keys)
            {
                Assert.That(TestArrays.Widened(actual[name]), Is.EqualTo(TestArrays.Widened(expected[name])).Within(tolerance), name);
            }
        });
    }

    /// <summary>Every product a Dense layer runs, on <paramref name="gemm"/>: forward, then backward twice (the
    /// second accumulates onto the first).</summary>
    private static Dictionary<string, T[]> LayerProducts<T>(IGemm<T> gemm, int outputs, int inputs, Matrix<T> x, Matrix<T> dz)
        where T : struct, IFloatingPointIeee754<T>
    {
        var w = Matrix<T>.Build.Dense(outputs, inputs, TestArrays.Random<T>(outputs * inputs, seed: 1));
        var b = Matrix<T>.Build.Dense(outputs, 1, TestArrays.Random<T>(outputs, seed: 4));
        var dense = new Dense<T>(w, b, gemm);
        var z = dense.Forward(x, training: true).ToColumnMajorArray();
        dense.Backward(dz);
        var dx = dense.Backward(dz)!.ToColumnMajorArray();
        return new Dictionary<string, T[]>
        {
            ["Z = W·X + b"] = z,
            ["dW += dZ·Xᵀ"] = dense.Parameters[0].Gradients,
            ["db += dZ·1"] = dense.Parameters[1].Gradients,
            ["dX = Wᵀ·dZ"] = dx,
        };
    }
}
