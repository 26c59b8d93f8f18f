using NeuralNet.Cli;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.Tests.Cli;
using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

/// <summary>A network that cannot be built or cannot fit is refused from its specs, before any layer is allocated:
/// one line with the estimate and the limit, exit code 2, at once (no 20 GB climb).</summary>
public class MemoryEstimateTests
{
    [Test]
    public void ParametersAreCountedAsLongsFromTheSpecs()
    {
        var estimate = MemoryEstimate.For(LayerRegistry.FromHidden([65537, 65537]), inputs: 4, outputs: 3, batch: 32, evaluationChunk: 30, optimizerStates: 1);

        long expected = (4L * 65537 + 65537) + (65537L * 65537 + 65537) + (65537L * 3 + 3);
        Assert.That(estimate.Parameters, Is.EqualTo(expected));
        Assert.That(estimate.Parameters, Is.GreaterThan(int.MaxValue));
        Assert.That(estimate.LargestMatrix, Is.EqualTo(65537L * 65537));
    }

    [Test]
    public void TheEstimateCountsCopiesOptimizerStateActivationsAndInitialisation()
    {
        // 4 → dense 10 → relu → dense 3: 50 + 33 = 83 parameters.
        var specs = LayerRegistry.Parse("dense:10,relu");
        var sgd = MemoryEstimate.For(specs, 4, 3, batch: 8, evaluationChunk: 16, optimizerStates: 1);
        var adam = MemoryEstimate.For(specs, 4, 3, batch: 8, evaluationChunk: 16, optimizerStates: 2);

        Assert.That(sgd.Parameters, Is.EqualTo(83));
        long activations = ((4 + 10) + (10 + 10) + (10 + 3)) * 2L * (8 + 16);
        Assert.That(sgd.Bytes, Is.EqualTo(4 * (83 * 4 + activations) + 12 * 40));
        Assert.That(adam.Bytes - sgd.Bytes, Is.EqualTo(4 * 83), "Adam keeps one more value per parameter");
    }

    [Test]
    public void APReluLayerCountsAParameterPerUnit()
    {
        var plain = MemoryEstimate.For(LayerRegistry.Parse("dense:100"), 4, 3, 1, 1, 0);
        var prelu = MemoryEstimate.For(LayerRegistry.Parse("dense:100,prelu"), 4, 3, 1, 1, 0);
        Assert.That(prelu.Parameters - plain.Parameters, Is.InRange(1, 100));
    }

    [Test]
    public void MoreThanTheMachineHasIsOneLineWithTheEstimateAndTheLimit()
    {
        // 64 TB: more than any machine these tests run on.
        var estimate = new MemoryEstimate(Parameters: 4_000_000_000_000, LargestMatrix: 1000, Bytes: 64_000_000_000_000);
        Assert.That(() => estimate.Check("--hidden 2000000", "--batch-size"), Throws.TypeOf<InputException>().With.Message.Match(
            @"^training the network --hidden 2000000 \(4,000,000,000,000 parameters\) needs about 59604\.6 GB of memory, more than the [\d.]+ [KMG]B available; use fewer or narrower layers, or a smaller --batch-size$"));
    }

    [Test]
    public void AvailableMemoryIsPositiveAndAtMostTheGcLimit() =>
        Assert.That(AvailableMemory.Bytes, Is.InRange(1L, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));

    [TestCase("65537,65537", "4,295,098,369", "4,295,688,205")]
    [TestCase("100000,100000", "10,000,000,000", "10,000,900,003")]
    [TestCase("50000,50000", "2,500,000,000", "2,500,450,003")]
    [TestCase("2147483647", "8,589,934,588", "17,179,869,179")]
    [TestCase("30000,30000", "900,000,000", "900,270,003")]
    public void AHugeNetworkIsRefusedAtOnceWithItsSize(string hidden, string matrix, string parameters)
    {
        long before = GC.GetTotalAllocatedBytes();
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--hidden", hidden);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Error, Is.EqualTo(
            $"error: the network --hidden {hidden} has a weight matrix of {matrix} values ({parameters} parameters in all), more than the 268,435,455 one layer can hold; use narrower layers\n"));
        Assert.That(run.EpochRows, Is.Empty);
        Assert.That(GC.GetTotalAllocatedBytes() - before, Is.LessThan(100_000_000), "refused before the layers were allocated");
    }

    [Test]
    public void TheSameCheckCoversLayersSpecs()
    {
        var run = CliRun.Of(RepoPaths.Data("iris.csv"), "--layers", "dense:20000,prelu,dense:40000", "--epochs", "1", "--blas", "managed");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.BadInput), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: the network --layers dense:20000,prelu,dense:40000 has a weight matrix of 800,000,000 values"));
    }

    [Test]
    public void TheParameterCountIsPrintedWithoutOverflow()
    {
        var run = CliRun.Train(RepoPaths.Data("iris.csv"), "--hidden", "300");
        Assert.That(run.Output, Does.Contain("(2,403 parameters)"));
    }
}
