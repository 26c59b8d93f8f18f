using System.Collections.Concurrent;
using System.Diagnostics;
using MathNet.Numerics.Providers.LinearAlgebra;
using NeuralNet.Data;
using NeuralNet.Layers;
using NeuralNet.LinearAlgebra;
using NeuralNet.Losses;
using NeuralNet.Optimizers;
using NeuralNet.Training;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The GEMM floor of a training step: the sgemm calls that one step of the network makes, recorded per worker
/// thread as the data-parallel step splits the batch, then replayed alone (no gather, activation, loss, reduction
/// or optimizer; one barrier per step) on all the workers at once, on the backend <c>--blas auto</c> picks. Epoch
/// time over this floor is the overhead left above the products.
/// </summary>
internal static class GemmFloor
{
    /// <summary>Median seconds per step of the products alone, over <paramref name="blocks"/> blocks of
    /// <paramref name="stepsPerBlock"/> replayed steps.</summary>
    public static double StepSeconds(int threads, int batch, int[] hidden, int features = 784, int classes = 10, int blocks = 7, int stepsPerBlock = 100)
    {
        var gemm = BlasBackend.Gemm<float>();
        var recorder = new RecordingGemm(gemm);
        using var workers = new WorkerPool(threads);
        var random = new Random(1);
        var model = Mlp.Build(features, hidden, classes, new LayerContext<float>(random, recorder));
        var loop = new TrainingLoop(model, new SoftmaxCrossEntropy<float>(classes), new Sgd<float>(0.01f, 0.9f), batch, random,
            new Parallelism(workers, recorder));
        var data = RandomData(features, classes, batch, random);
        int[] indices = [.. Enumerable.Range(0, batch)];
        loop.Step(data, indices); // every buffer exists after this one
        recorder.Start();
        loop.Step(data, indices);
        var calls = recorder.Stop();

        var replays = calls.Select(list => new Replay(list, random)).ToArray();
        Action<int> step = w => replays[w].Run(gemm);
        var seconds = new List<double>();
        for (int block = -1; block < blocks; block++) // block −1 warms up
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < stepsPerBlock; i++)
                workers.Run(step, replays.Length);
            if (block >= 0)
                seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds / stepsPerBlock);
        }
        return Statistics.Median(seconds);
    }

    internal static Dataset RandomData(int features, int classes, int count, Random random)
    {
        var x = new float[features * count];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)random.NextDouble();
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        var y = new float[classes * count];
        for (int i = 0; i < count; i++)
            y[i * classes + labels[i]] = 1;
        return new Dataset(features, classes, x, y, labels);
    }

    private sealed record Call(Transpose TransposeA, Transpose TransposeB, int RowsA, int ColumnsA, int RowsB, int ColumnsB, float Beta, int SizeC);

    /// <summary>Passes every product on to the real one, and while recording notes its shape per calling thread.</summary>
    private sealed class RecordingGemm(IGemm<float> inner) : IGemm<float>
    {
        private readonly ConcurrentDictionary<int, List<Call>> _byThread = new();
        private volatile bool _recording;

        public string Name => inner.Name;

        public void Start()
        {
            _byThread.Clear();
            _recording = true;
        }

        public List<Call>[] Stop()
        {
            _recording = false;
            return [.. _byThread.OrderBy(pair => pair.Key).Select(pair => pair.Value)];
        }

        public void Multiply(Transpose transposeA, Transpose transposeB, float alpha, float[] a, int rowsA, int columnsA,
            float[] b, int rowsB, int columnsB, float beta, float[] c)
        {
            if (_recording)
                _byThread.GetOrAdd(Environment.CurrentManagedThreadId, _ => []).Add(new Call(transposeA, transposeB, rowsA, columnsA, rowsB, columnsB, beta, c.Length));
            inner.Multiply(transposeA, transposeB, alpha, a, rowsA, columnsA, b, rowsB, columnsB, beta, c);
        }
    }

    /// <summary>One worker's recorded products with operands of their own.</summary>
    private sealed class Replay
    {
        private readonly (Call Call, float[] A, float[] B, float[] C)[] _calls;

        public Replay(List<Call> calls, Random random)
        {
            float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 0.01))];
            _calls = [.. calls.Select(c => (c, Values(c.RowsA * c.ColumnsA), Values(c.RowsB * c.ColumnsB), new float[c.SizeC]))];
        }

        public void Run(IGemm<float> gemm)
        {
            foreach (var (call, a, b, c) in _calls)
                gemm.Multiply(call.TransposeA, call.TransposeB, 1f, a, call.RowsA, call.ColumnsA, b, call.RowsB, call.ColumnsB, call.Beta, c);
        }
    }
}

internal static class Statistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>A difference to 4 decimals with its sign, "+0.0000" for one that rounds to zero (.NET would print
    /// "-+0.0000" for a tiny negative under a "+0.0000;-0.0000" format).</summary>
    public static string SignedDifference(double value) =>
        (Math.Round(value, 4) + 0.0).ToString("+0.0000;-0.0000;+0.0000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The 1-minute load average, from /proc/loadavg ("?" where there is none).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
