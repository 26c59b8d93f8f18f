using NeuralNet.Training;

namespace NeuralNet.Tests.Training;

public class WorkerPoolTests
{
    [Test]
    public void EveryWorkerRunsOncePerJobAndWorkerZeroIsTheCaller()
    {
        using var pool = new WorkerPool(3);
        var threads = new int[3];
        var runs = new int[3];
        Action<int> work = w =>
        {
            threads[w] = Environment.CurrentManagedThreadId;
            Interlocked.Increment(ref runs[w]);
        };
        for (int job = 0; job < 50; job++)
            pool.Run(work, 3);
        pool.Run(work, 2);

        Assert.That(runs, Is.EqualTo(new[] { 51, 51, 50 }));
        Assert.That(threads[0], Is.EqualTo(Environment.CurrentManagedThreadId));
        Assert.That(threads.Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public void RunReturnsOnlyWhenEveryWorkerIsDone()
    {
        using var pool = new WorkerPool(2);
        int finished = 0;
        Action<int> work = w =>
        {
            if (w == 1)
                Thread.Sleep(50);
            Interlocked.Increment(ref finished);
        };
        pool.Run(work, 2);
        Assert.That(Volatile.Read(ref finished), Is.EqualTo(2));
    }

    [TestCase(2)]
    [TestCase(3)]
    public void ABarrierHoldsEveryWorkerUntilAllHaveReachedIt(int workers)
    {
        using var pool = new WorkerPool(workers);
        const int Phases = 200;
        var reached = new int[workers]; // per worker: the last phase it finished
        int violations = 0;
        Action<int> work = w =>
        {
            for (int phase = 1; phase <= Phases; phase++)
            {
                if (w == phase % workers)
                    Thread.SpinWait(2000); // a different worker is late at each phase
                Volatile.Write(ref reached[w], phase);
                pool.Barrier();
                for (int other = 0; other < workers; other++)
                {
                    if (Volatile.Read(ref reached[other]) < phase)
                        Interlocked.Increment(ref violations);
                }
                pool.Barrier(); // nobody starts the next phase while another still checks this one
            }
        };
        for (int job = 0; job < 3; job++)
            pool.Run(work, workers);
        pool.Run(work, 1); // a one-worker job passes its barriers alone

        Assert.That(violations, Is.Zero);
        Assert.That(reached, Is.All.EqualTo(Phases));
    }

    [Test]
    [CancelAfter(30_000)]
    public void AWorkerLeftOutOfAJobAndPreemptedUntilTheNextOneRunsTheNextOneOnce()
    {
        // Worker 2 is left out of a 2-worker job, and held (as a preemption would) right after it has seen that job
        // until the caller has started a 3-worker job. Deciding from a worker count read after the hold, it took the
        // 3-worker job as the one it had seen, then saw that job again and ran it twice (and Run could hang).
        using var held = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var runs = new int[3];
        Action<int> count = w => Interlocked.Increment(ref runs[w]);
        Action<int> nothing = _ => { };
        int holds = 0;
        using var pool = new WorkerPool(3);
        pool.JobSeenForTests = (w, jobWorkers) =>
        {
            if (w == 2 && jobWorkers == 2 && Interlocked.Increment(ref holds) == 1)
            {
                held.Set();
                release.Wait();
            }
        };
        try
        {
            // Worker 2 sees a job it is left out of only while it still spins after one of its own.
            for (int attempt = 0; attempt < 200; attempt++)
            {
                pool.Run(nothing, 3);
                pool.Run(nothing, 2);
                if (held.Wait(20)) // before the next job hides this one from worker 2
                    break;
            }
            Assert.That(held.Wait(5_000), Is.True, "worker 2 saw a 2-worker job while spinning");
            var three = Task.Run(() => pool.Run(count, 3));
            Thread.Sleep(100); // the 3-worker job is published while worker 2 is held
            release.Set();

            Assert.That(three.Wait(10_000), Is.True, "the 3-worker job ended");
            Assert.That(runs, Is.EqualTo(new[] { 1, 1, 1 }));
            pool.Run(count, 3);
            Assert.That(runs, Is.EqualTo(new[] { 2, 2, 2 }));
        }
        finally
        {
            release.Set();
            pool.JobSeenForTests = null;
        }
    }

    [Test]
    public void AWorkersExceptionIsRethrownByRunAndThePoolStaysUsable()
    {
        using var pool = new WorkerPool(2);
        var failure = Assert.Throws<InvalidOperationException>(() => pool.Run(w =>
        {
            if (w == 1)
                throw new InvalidOperationException("worker 1 failed");
        }, 2))!;
        Assert.That(failure.Message, Is.EqualTo("worker 1 failed"));

        int runs = 0;
        pool.Run(_ => Interlocked.Increment(ref runs), 2);
        Assert.That(runs, Is.EqualTo(2));
    }

    [Test]
    public void AskingForMoreWorkersThanThePoolHasIsRefused()
    {
        using var pool = new WorkerPool(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Run(_ => { }, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerPool(0));
    }

    [Test]
    public void ADisposedPoolRefusesWork()
    {
        var pool = new WorkerPool(2);
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Run(_ => { }, 2));
    }
}
