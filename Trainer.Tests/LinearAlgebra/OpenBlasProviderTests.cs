using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>The provider's life-cycle members, and members it hands to MathNet's managed provider.</summary>
public class OpenBlasProviderTests
{
    [Test]
    public void IsAvailableAndVerifies()
    {
        var provider = OpenBlasForTests.Provider;

        Assert.Multiple(() =>
        {
            Assert.That(provider.IsAvailable(), Is.True);
            Assert.That(provider.InitializeVerify, Throws.Nothing);
            Assert.That(provider.FreeResources, Throws.Nothing);
            Assert.That(provider.ToString(), Does.StartWith("OpenBLAS ").And.Contain(OpenBlasForTests.Library.CoreName));
        });
    }

    [Test]
    public void StillMultipliesAfterFreeResources()
    {
        ILinearAlgebraProvider<float> provider = OpenBlasForTests.Provider;
        ((ILinearAlgebraProvider)provider).FreeResources();

        var result = new float[1];
        provider.MatrixMultiply([2f], 1, 1, [3f], 1, 1, result);

        Assert.That(result[0], Is.EqualTo(6f));
    }

    [Test]
    public void ElementWiseWorkIsForwarded()
    {
        ILinearAlgebraProvider<float> provider = OpenBlasForTests.Provider;
        var sum = new float[3];
        provider.AddArrays([1f, 2f, 3f], [10f, 20f, 30f], sum);

        Assert.Multiple(() =>
        {
            Assert.That(sum, Is.EqualTo(new[] { 11f, 22f, 33f }));
            Assert.That(provider.DotProduct([1f, 2f], [3f, 4f]), Is.EqualTo(11f));
        });
    }

    [Test]
    public void FactorizationsAreForwarded()
    {
        ILinearAlgebraProvider<double> provider = OpenBlasForTests.Provider;
        double[] a = [4, 2, 2, 3]; // symmetric positive definite, column-major
        provider.CholeskyFactor(a, 2);

        Assert.That(a[0], Is.EqualTo(2d).Within(1e-12));
    }

    [Test]
    public void ComplexProductsAreForwarded()
    {
        ILinearAlgebraProvider<Complex> provider = OpenBlasForTests.Provider;
        var result = new Complex[1];
        provider.MatrixMultiply([new Complex(0, 1)], 1, 1, [new Complex(0, 1)], 1, 1, result);

        Assert.That(result[0], Is.EqualTo(new Complex(-1, 0)));
    }
}
