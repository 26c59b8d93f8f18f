using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

public class BlasStatusTests
{
    [Test]
    public void DescribesOpenBlasWithKernelAndThreads()
    {
        var status = new BlasStatus("openblas", "SkylakeX", 1, null)
        {
            Version = "0.3.21",
            KernelOrigin = "set by NeuralNet: OPENBLAS_CORETYPE was unset",
            ThreadsOrigin = "set by NeuralNet",
        };

        Assert.That(
            status.Describe(),
            Is.EqualTo("BLAS: openblas 0.3.21, kernel SkylakeX (set by NeuralNet: OPENBLAS_CORETYPE was unset), 1 thread (set by NeuralNet)"));
    }

    [Test]
    public void DescribesManagedWithThreads() =>
        Assert.That(new BlasStatus("managed", null, 2, null).Describe(), Is.EqualTo("BLAS: managed (MathNet's managed provider), 2 threads"));
}
