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
