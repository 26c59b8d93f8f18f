using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace NeuralNet.Training;

/// <summary>
/// Persistent worker threads that run one job at a time on several cores: <see cref="Run"/> calls
/// <c>work(w)</c> for every worker w, worker 0 on the calling thread, and returns when all are done. The threads
/// live as long as the pool; no task, closure or thread is created per job, so a training step stays allocation-free.
/// A job costs two handshakes: the caller advances a generation counter that the workers watch, and each worker
/// counts itself done. Both sides spin on those counters for up to <see cref="SpinTime"/> before they sleep on a
/// <see cref="ManualResetEventSlim"/>: training steps follow each other within microseconds, and a worker that had
/// fallen asleep between two of them costs a futex wake-up per step. (<see cref="ManualResetEventSlim"/>'s own spin
/// is short and backs off to long pauses and yields: with it alone, a profiled Fashion-MNIST step on 2 workers
/// had worker 1 start its part about 30 µs after the caller, on a 550 µs step.)
/// Inside a job, <see cref="Barrier"/> holds every worker of the job until all have reached it, spinning (the
/// workers of a job are all running, so a wait is as short as their imbalance): one job with barriers costs one
/// handshake where one job per phase would cost one per phase.
/// </summary>
/// <remarks>One job at a time: <see cref="Run"/> is not reentrant and is called from one thread.</remarks>
public sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;               // workers 1..Count−1; worker 0 is the caller
    private readonly ManualResetEventSlim[] _start;   // per worker: wakes it when it sleeps and a job is waiting
    private readonly ManualResetEventSlim _done = new(false); // wakes the caller when it sleeps and the workers are done
    private readonly int[] _sleeping;                 // per worker: 1 while it sleeps (or is about to) on its _start
    private int _callerSleeping;                      // 1 while the caller sleeps (or is about to) on _done
    private long _generation;                         // advanced by the caller for each job
    private readonly Exception?[] _failures;          // per worker: what its part of the job threw
    private readonly long[] _allocatedBytes;          // per worker thread: its allocation counter after its last job
    private Action<int>? _work;
    private int _pending;   // workers 1.. still running the job
    private int _jobWorkers; // workers in the running job: the count a barrier waits for; the workers past it skip the job
    private int _arrived;    // workers at the current barrier
    private volatile int _barrierPhase; // advanced by the last worker to reach a barrier, which releases the others
    private int _running;   // 1 while a job runs: catches a second caller
    private volatile bool _stopping;

    /// <param name="count">Workers, the calling thread included; 1 makes a pool without threads.</param>
    public WorkerPool(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
        _start = new ManualResetEventSlim[count];
        _sleeping = new int[count];
        _failures = new Exception?[count];
        _allocatedBytes = new long[count];
        _threads = new Thread[count];
        for (int w = 1; w < count; w++)
        {
            _start[w] = new ManualResetEventSlim(false);
            int worker = w;
            _threads[w] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"NeuralNet worker {w}" };
            _threads[w].Start();
        }
    }

    /// <summary>Workers, the calling thread included.</summary>
    public int Count { get; }

    /// <summary>
    /// The cores this process may run on: .NET's <see cref="Environment.ProcessorCount"/>, which on Linux already
    /// counts only the CPUs in the process's affinity mask (<c>sched_getaffinity</c>, as <c>taskset</c> sets it) and
    /// caps that by the cgroup CPU quota (a container's <c>--cpus</c>, rounded up); <c>DOTNET_PROCESSOR_COUNT</c>
    /// overrides both.
    /// </summary>
    public static int AvailableCores => Environment.ProcessorCount;

    /// <summary>Bytes allocated so far by the worker threads (not the caller), as each last saw its own counter:
    /// for tests that check a step allocates nothing on any thread.</summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            for (int w = 1; w < Count; w++)
                total += Volatile.Read(ref _allocatedBytes[w]);
            return total;
        }
    }

    /// <summary>Calls <paramref name="work"/>(w) for w in [0, <paramref name="workers"/>) at the same time, w = 0 on
    /// this thread, and returns when every call has. An exception is rethrown here, the lowest worker's first.</summary>
    /// <param name="work">Keep it in a field: a lambda written at the call site allocates on every call.</param>
    public void Run(Action<int> work, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workers, Count);
        ObjectDisposedException.ThrowIf(_stopping, this);
        if (workers == 1)
        {
            _jobWorkers = 1;
            work(0);
            return;
        }
        if (Interlocked.Exchange(ref _running, 1) != 0)
            throw new InvalidOperationException("a worker pool runs one job at a time");
        try
        {
            _work = work;
            _jobWorkers = workers;
            _pending = workers - 1;
            // A full fence, then a look at who sleeps: a worker sets its flag (a full fence) before it looks at the
            // generation a last time, so either it sees the new generation or the caller sees its flag.
            Interlocked.Increment(ref _generation);
            for (int w = 1; w < workers; w++)
            {
                if (Volatile.Read(ref _sleeping[w]) == 1)
                    _start[w].Set();
            }
            try
            {
                work(0);
            }
            catch (Exception e)
            {
                _failures[0] = e;
            }
            WaitForWorkers();
            _work = null;
            for (int w = 0; w < workers; w++)
            {
                if (_failures[w] is { } failure)
                {
                    Array.Clear(_failures);
                    ExceptionDispatchInfo.Throw(failure);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Called by every worker of the running job (the same number of times by each): returns when all of
    /// them have called it. A worker that throws before a barrier leaves the others waiting at it for good, so a job
    /// with barriers catches its workers' exceptions itself and passes them on after the last barrier.</summary>
    public void Barrier()
    {
        int phase = _barrierPhase;
        if (Interlocked.Increment(ref _arrived) == _jobWorkers)
        {
            _arrived = 0;              // before the phase moves on: no worker arrives at the next barrier before that
            _barrierPhase = phase + 1; // volatile write: publishes the reset with the release
            return;
        }
        // A tight spin (one pause per look) while the others are likely running; past SpinTime, yield the core at
        // each look, for a machine with more runnable threads than cores. Never sleep: a barrier's wait is as short
        // as the workers' imbalance.
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (_barrierPhase == phase)
        {
            if (Stopwatch.GetTimestamp() < deadline)
                Thread.SpinWait(1);
            else
                Thread.Yield();
        }
    }

    public void Dispose()
    {
        if (_stopping)
            return;
        _stopping = true;
        Interlocked.Increment(ref _generation);
        for (int w = 1; w < Count; w++)
            _start[w].Set();
        for (int w = 1; w < Count; w++)
        {
            _threads[w].Join();
            _start[w].Dispose();
        }
        _done.Dispose();
    }

    /// <summary>How long a waiting side spins before it sleeps: a few steps' worth of the smallest split step.</summary>
    public static readonly TimeSpan SpinTime = TimeSpan.FromMicroseconds(200);

    private static readonly long SpinTicks = (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);

    private void Loop(int worker)
    {
        long seen = 0;
        while (true)
        {
            seen = WaitForJob(worker, seen);
            if (_stopping)
                return;
            if (worker >= Volatile.Read(ref _jobWorkers))
                continue; // a job for fewer workers than the pool has
            try
            {
                _work!(worker);
            }
            catch (Exception e)
            {
                _failures[worker] = e;
            }
            Volatile.Write(ref _allocatedBytes[worker], GC.GetAllocatedBytesForCurrentThread());
            // The decrement is a full fence before the look at the caller's flag (see Run).
            if (Interlocked.Decrement(ref _pending) == 0 && Volatile.Read(ref _callerSleeping) == 1)
                _done.Set();
        }
    }

    // Returns the generation of the next job once the caller has advanced it past seen.
    private long WaitForJob(int worker, long seen)
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref _generation) == seen)
        {
            if (Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(1);
                continue;
            }
            Interlocked.Exchange(ref _sleeping[worker], 1);
            // A set left over from a job this worker caught while spinning only makes one more turn of this loop.
            while (Volatile.Read(ref _generation) == seen)
            {
                _start[worker].Wait();
                _start[worker].Reset();
            }
            Interlocked.Exchange(ref _sleeping[worker], 0);
        }
        return Volatile.Read(ref _generation);
    }

    private void WaitForWorkers()
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref _pending) != 0)
        {
            if (Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(1);
                continue;
            }
            Interlocked.Exchange(ref _callerSleeping, 1);
            while (Volatile.Read(ref _pending) != 0)
            {
                _done.Wait();
                _done.Reset();
            }
            Interlocked.Exchange(ref _callerSleeping, 0);
        }
    }
}
