using BenchmarkDotNet.Attributes;

namespace NeuralNet.Benchmarks;

// The two sizes of the issue, each with both halves of the table. 5000×5000 double is the thread's size: 200 MB
// per array, far beyond every cache. 64×256 float is a trainer-sized batch: 64 KB, which lives in L2.

[Config(typeof(LargeConfig))]
public class Relu5000x5000Double() : ReluTable<double>(ReluSizes.LargeInputs);

[Config(typeof(LargeFormsConfig))]
public class Forms5000x5000Double() : ThreadFormsTable<double>(ReluSizes.LargeInputs);

[Config(typeof(BatchConfig))]
public class Relu64x256Float() : ReluTable<float>(ReluSizes.BatchInputs);

[Config(typeof(BatchConfig))]
public class Forms64x256Float() : ThreadFormsTable<float>(ReluSizes.BatchInputs);

internal static class ReluSizes
{
    public static SingleCopy<double> LargeInputs { get; } = new(5000 * 5000);

    public static CopyRing<float> BatchInputs { get; } = new(64 * 256);
}
