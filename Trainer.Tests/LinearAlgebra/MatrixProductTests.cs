using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>
/// A Dense layer's products, written as the trainer writes them, give the same matrices with MathNet's managed
/// provider and with the OpenBLAS provider installed in <c>LinearAlgebraControl.Provider</c>.
/// Activations are (features, batch); W is (outputs, inputs).
/// </summary>
[NonParallelizable]
public class MatrixProductTests : ProviderRestoringFixture
{
    [TestCase(256, 784, 64)] // the benchmark network's layers, batch 64
    [TestCase(128, 256, 64)]
    [TestCase(10, 128, 64)]
    [TestCase(16, 4, 32)] // a 4-feature toy dataset, batch 32
    [TestCase(1, 64, 1)] // one output, one sample
    public void FloatLayerProductsAgree(int outputs, int inputs, int batch) =>
        AssertLayerProductsAgree<float>(outputs, inputs, batch);

    [TestCase(128, 256, 64)]
    [TestCase(3, 5, 7)] // gradient checks run in double on small layers
    public void DoubleLayerProductsAgree(int outputs, int inputs, int batch) =>
        AssertLayerProductsAgree<double>(outputs, inputs, batch);

    private static void AssertLayerProductsAgree<T>(int outputs, int inputs, int batch)
        where T : struct, IEquatable<T>, IFormattable, IFloatingPoint<T>
    {
        var w = Matrix<T>.Build.Dense(outputs, inputs, TestArrays.Random<T>(outputs * inputs, seed: 1));
        var x = Matrix<T>.Build.Dense(inputs, batch, TestArrays.Random<T>(inputs * batch, seed: 2));
        var dz = Matrix<T>.Build.Dense(outputs, batch, TestArrays.Random<T>(outputs * batch, seed: 3));

        var expected = LayerProducts(ManagedLinearAlgebraProvider.Instance, w, x, dz);
        var actual = LayerProducts(OpenBlasForTests.Provider, w, x, dz);

        var tolerance = TestArrays.Tolerance<T>(Math.Max(inputs, Math.Max(outputs, batch)));
        Assert.Multiple(() =>
        {
            foreach (var name in expected.Keys)
            {
                Assert.That(
                    TestArrays.Widened(actual[name].ToColumnMajorArray()),
                    Is.EqualTo(TestArrays.Widened(expected[name].ToColumnMajorArray())).Within(tolerance),
                    name);
            }
        });
    }

    /// <summary>Installs <paramref name="provider"/> and runs every product form a Dense layer uses.</summary>
    private static Dictionary<string, Matrix<T>> LayerProducts<T>(ILinearAlgebraProvider provider, Matrix<T> w, Matrix<T> x, Matrix<T> dz)
        where T : struct, IEquatable<T>, IFormattable, IFloatingPoint<T>
    {
        LinearAlgebraControl.Provider = provider;
        var build = Matrix<T>.Build;

        // Forward: Z (outputs, batch) = W · X.
        var z = build.Dense(w.RowCount, x.ColumnCount);
        w.Multiply(x, z);

        // Backward, accumulating: dW (outputs, inputs) += dZ · Xᵀ, as the layer calls the provider.
        var dw = build.Dense(w.RowCount, w.ColumnCount, TestArrays.Random<T>(w.RowCount * w.ColumnCount, seed: 4));
        ((ILinearAlgebraProvider<T>)LinearAlgebraControl.Provider).MatrixMultiplyWithUpdate(
            Transpose.DontTranspose, Transpose.Transpose, T.One, dz.AsColumnMajorArray(), dz.RowCount, dz.ColumnCount,
            x.AsColumnMajorArray(), x.RowCount, x.ColumnCount, T.One, dw.AsColumnMajorArray());

        // Backward: dX (inputs, batch) = Wᵀ · dZ.
        var dx = build.Dense(x.RowCount, x.ColumnCount);
        w.TransposeThisAndMultiply(dz, dx);

        return new Dictionary<string, Matrix<T>>
        {
            ["W·X"] = z,
            ["dW + dZ·Xᵀ"] = dw,
            ["Wᵀ·dZ"] = dx,
            ["dZ·Xᵀ (TransposeAndMultiply)"] = dz.TransposeAndMultiply(x),
            ["W·x (matrix times vector)"] = w.Multiply(x.Column(0)).ToColumnMatrix(),
            ["W * X (operator)"] = w * x,
        };
    }
}
