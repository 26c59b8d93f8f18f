using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NeuralNet.Benchmarks;

/// <summary>
/// Jobs sized so that the whole table (56 benchmarks) and numpy run in under three minutes on 2 cores.
/// In process: the default toolchain would build a project and start a process per benchmark, about a minute
/// more, and every process would regenerate the 200 MB inputs. Nothing allocates inside the timer, so the forced
/// GC between iterations is off (with a gigabyte of live arrays it costs more than a large benchmark), and so is
/// the overhead estimate (tens of nanoseconds, noisier than what it would subtract).
/// </summary>
internal static class ReluJobs
{
    private static Job Base { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithUnrollFactor(1)
        .WithGcForce(false)
        .WithEvaluateOverhead(false);

    /// <summary>One invocation per iteration: each call gets a fresh 200 MB copy from [IterationSetup], outside the timer.</summary>
    public static Job Large { get; } = Base
        .WithWarmupCount(1)
        .WithIterationCount(11)
        .WithInvocationCount(1)
        .WithId("5000x5000");

    /// <summary>The scalar forms take 70–400 ms a call at 5000×5000: fewer iterations keep the command under 3 minutes.</summary>
    public static Job LargeForms { get; } = Large
        .WithWarmupCount(0)
        .WithIterationCount(5)
        .WithId("5000x5000 forms");

    /// <summary>One iteration is one pass over the <see cref="CopyRing{T}"/>, one invocation per copy.</summary>
    public static Job Batch { get; } = Base
        .WithWarmupCount(5)
        .WithIterationCount(51)
        .WithInvocationCount(CopyRing<float>.Size)
        .WithId("64x256");
}

public class LargeConfig : ManualConfig
{
    public LargeConfig()
    {
        AddJob(ReluJobs.Large);
        AddFilter(SupportedWidths.Filter);
    }
}

public class LargeFormsConfig : ManualConfig
{
    public LargeFormsConfig()
    {
        AddJob(ReluJobs.LargeForms);
        AddFilter(SupportedWidths.Filter);
    }
}

public class BatchConfig : ManualConfig
{
    public BatchConfig()
    {
        AddJob(ReluJobs.Batch);
        AddFilter(SupportedWidths.Filter);
    }
}
