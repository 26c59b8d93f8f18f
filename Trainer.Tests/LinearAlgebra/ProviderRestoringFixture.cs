using MathNet.Numerics.Providers.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>
/// Base for fixtures that install a provider: MathNet's provider is process-wide, so each test puts back the one it
/// found, and these fixtures never run beside other tests.
/// </summary>
[NonParallelizable]
public abstract class ProviderRestoringFixture
{
    private ILinearAlgebraProvider? _previous;

    [SetUp]
    public void RememberProvider() => _previous = LinearAlgebraControl.Provider;

    [TearDown]
    public void RestoreProvider() => LinearAlgebraControl.Provider = _previous!;
}
