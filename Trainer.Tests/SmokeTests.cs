namespace NeuralNet.Tests;

public class SmokeTests
{
    [Test]
    public void MainReturnsArgumentCount() => Assert.That(Program.Main(["a"]), Is.EqualTo(1));
}
