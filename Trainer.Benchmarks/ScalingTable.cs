using System.Diagnostics;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;
using static System.FormattableString;

namespace NeuralNet.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Trainer.Benchmarks -- scaling [rounds]</c>: training samples per second of
/// 784 → W → ReLU → 10 (SGD, momentum 0.9) for batch 16, 64, 256, 1024 and W = 64, 256, 1024, on one thread, on two
/// workers splitting every batch ("always split": the threshold set to 0), and on two workers with the
/// <see cref="ShardPlan"/> threshold (what <c>--threads 2</c> runs). The three alternate within each round; the table
/// gives medians and the load average when each row was measured. Where "always split" is slower than one thread
/// is the crossover the threshold must keep to one thread. A second table does the same for small tabular networks
/// (20 inputs, two hidden layers, 5 classes), the ones the default recipe builds for files of tens of thousands of rows.
/// </summary>
internal static class ScalingTable
{
    private const int Features = 784, Classes = 10, Samples = 4096;
    private const double FlopsPerMeasurement = 4e9; // ≈ 0.1 s of products per measured cell and configuration

    public static int Run(int rounds)
    {
        Console.WriteLine(BlasBackend.Use(BlasChoice.Auto).Describe());
        using var two = new WorkerPool(2);
        var gemm = BlasBackend.Gemm<float>();

        Console.WriteLine($"samples/s, medians of {rounds} alternating rounds, {DateTime.Now:yyyy-MM-dd HH:mm}; MinimumWork {ShardPlan.MinimumWork:N0}");
        Console.WriteLine(Header);
        Console.WriteLine(Rule);
        var wide = GemmFloor.RandomData(Features, Classes, Samples, new Random(1));
        foreach (int batch in (int[])[16, 64, 256, 1024])
        {
            foreach (int width in (int[])[64, 256, 1024])
                Console.WriteLine(Row(wide, [width], batch, rounds, two, gemm));
        }

        // Tabular networks (tens of inputs, two small hidden layers): where the threshold falls for the networks the
        // default recipe builds on files of 10,000–100,000 rows.
        Console.WriteLine();
        Console.WriteLine($"Small networks: {SmallFeatures} inputs → hidden → {SmallClasses} outputs");
        Console.WriteLine(Header);
        Console.WriteLine(Rule);
        var narrow = GemmFloor.RandomData(SmallFeatures, SmallClasses, Samples, new Random(1));
        foreach (int batch in (int[])[64, 128, 256, 512])
        {
            foreach (int[] hidden in (int[][])[[64, 32], [128, 64], [256, 128]])
                Console.WriteLine(Row(narrow, hidden, batch, rounds, two, gemm));
        }
        return 0;
    }

    private const int SmallFeatures = 20, SmallClasses = 5;
    private const string Header = "| batch | width | parameters | batch × parameters | 1 thread | 2 workers, always split | 2 workers (--threads 2) | shards | 2 workers ÷ 1 | always split ÷ 1 | load avg |";
    private const string Rule = "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private static string Row(Dataset data, int[] hidden, int batch, int rounds, WorkerPool two, IGemm<float> gemm)
    {
        var random = new Random(1);
        int[] order = [.. Enumerable.Range(0, data.Count)];
        random.Shuffle(order);
        Loop Build(long minimumWork, WorkerPool? workers)
        {
            var model = Mlp.Build(data.FeatureCount, hidden, data.OutputCount, new LayerContext<float>(new Random(2), gemm));
            var parallelism = workers is null ? null : new Parallelism(workers, gemm) { MinimumWork = minimumWork };
            return new Loop(model, new TrainingLoop(model, new SoftmaxCrossEntropy<float>(data.OutputCount), new Sgd<float>(0.01f, 0.9f), batch, new Random(3), parallelism));
        }
        Loop[] loops = [Build(0, null), Build(0, two), Build(ShardPlan.MinimumWork, two)];
        long parameters = loops[0].Model.Parameters.Sum(p => (long)p.Values.Length);
        int steps = Math.Max(4, (int)(FlopsPerMeasurement / (6.0 * parameters * batch)));
        var rates = loops.Select(_ => new List<double>()).ToArray();
        foreach (var loop in loops)
            loop.Rate(data, order, batch, steps); // warm-up: buffers, JIT
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < loops.Length; i++)
            {
                int k = (i + round) % loops.Length; // rotate who goes first
                rates[k].Add(loops[k].Rate(data, order, batch, steps));
            }
        }
        double single = Statistics.Median(rates[0]), split = Statistics.Median(rates[1]), chosen = Statistics.Median(rates[2]);
        return Invariant($"| {batch} | {string.Join(',', hidden)} | {parameters:N0} | {batch * parameters:N0} | {single:N0} | {split:N0} | {chosen:N0} | {loops[2].Training.ShardsFor(batch)} | {chosen / single:0.00}× | {split / single:0.00}× | {Statistics.LoadAverage()} |");
    }

    private sealed record Loop(Sequential<float> Model, TrainingLoop Training)
    {
        /// <summary>Samples per second over <paramref name="steps"/> steps.</summary>
        public double Rate(Dataset data, int[] order, int batch, int steps)
        {
            long start = Stopwatch.GetTimestamp();
            int next = 0;
            for (int i = 0; i < steps; i++)
            {
                if (next + batch > order.Length)
                    next = 0;
                Training.Step(data, order.AsSpan(next, batch));
                next += batch;
            }
            return steps * (double)batch / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
    }
}
