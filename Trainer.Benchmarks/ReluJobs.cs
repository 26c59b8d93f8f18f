using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NeuralNet.Benchmarks;

/// <summary>
/// Jobs sized so that the whole table (56 benchmarks) runs in well under three minutes on 2 cores.
/// In process: the default toolchain would build a project and start a process per benchmark, about a minute
/// more, and every process would have to regenerate the 200 MB inputs. The benchmarks allocate nothing inside the
/// timer, so the forced GC between iterations is switched off: with a gigabyte of live arrays it costs more than
/// the large benchmarks themselves.
/// </summary>
internal static class ReluJobs
{
    /// <summary>One invocation per iteration: each call gets a fresh 200 MB copy from [IterationSetup], outside the timer.</summary>
    public static Job Large { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(11)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithGcForce(false)
        .WithId("5000x5000");

    /// <summary>
    /// A 64 KB batch takes microseconds, too short to time one call alone. Each iteration is
    /// <see cref="Relu64x256Float.RingSize"/> calls, each on its own fresh copy from a ring that [IterationSetup]
    /// refills outside the timer. The ring (8 × 64 KB for x, the same for dy) stays in L2, as a batch written by
    /// the layer before would be.
    /// </summary>
    public static Job Batch { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(5)
        .WithIterationCount(51)
        .WithInvocationCount(Relu64x256Float.RingSize)
        .WithUnrollFactor(1)
        .WithGcForce(false)
        .WithId("64x256");
}

/// <summary>The config of the 5000×5000 double table.</summary>
public class LargeConfig : ManualConfig
{
    public LargeConfig() => AddJob(ReluJobs.Large);
}

/// <summary>The config of the 64×256 float table.</summary>
public class BatchConfig : ManualConfig
{
    public BatchConfig() => AddJob(ReluJobs.Batch);
}
