using System.Numerics;

namespace NeuralNet.Benchmarks;

/// <summary>
/// The arrays a benchmark reads and writes, and how each invocation gets a fresh copy of the raw input made
/// outside the timer, so an in-place form never runs on data it already rectified.
/// </summary>
public abstract class FreshInputs<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected FreshInputs(int length) => Length = length;

    public int Length { get; }

    /// <summary>The raw input, never written: the source of every fresh copy and the x of the backward pass.</summary>
    public T[] PristineX { get; private set; } = [];

    public T[] PristineDy { get; private set; } = [];

    /// <summary>The preallocated out-of-place destination, already touched so no page fault lands in a timer.</summary>
    public T[] Output { get; private set; } = [];

    /// <summary>The boolean mask of x[x &lt; 0] = 0, preallocated.</summary>
    public bool[] Mask { get; private set; } = [];

    /// <summary>
    /// Uniform in [-0.5, 0.5), as relu_numpy.py draws it; made on the first call only, outside every timer. Every
    /// benchmark of a size shares one instance: regenerating 2 × 200 MB per benchmark would cost a second each.
    /// </summary>
    public void Make(int seed)
    {
        if (PristineX.Length == Length)
        {
            return;
        }

        var random = new Random(seed);
        PristineX = [.. Enumerable.Range(0, Length).Select(_ => T.CreateChecked(random.NextDouble() - 0.5))];
        PristineDy = [.. Enumerable.Range(0, Length).Select(_ => T.CreateChecked(random.NextDouble() - 0.5))];
        Output = new T[Length];
        Output.AsSpan().Fill(T.One);
        Mask = new bool[Length];
        Mask.AsSpan().Fill(true);
        MakeCopies();
        RefreshX();
        RefreshDy();
    }

    /// <summary>A fresh copy of <see cref="PristineX"/> for this invocation.</summary>
    public abstract T[] NextX();

    /// <summary>A fresh copy of <see cref="PristineDy"/> for this invocation.</summary>
    public abstract T[] NextDy();

    /// <summary>Copies <see cref="PristineX"/> into every copy the next iteration's invocations will take.</summary>
    public abstract void RefreshX();

    /// <summary>Copies <see cref="PristineDy"/> into every copy the next iteration's invocations will take.</summary>
    public abstract void RefreshDy();

    protected abstract void MakeCopies();
}

/// <summary>One copy, refreshed before every iteration of one invocation: for arrays too large for any cache.</summary>
public sealed class SingleCopy<T>(int length) : FreshInputs<T>(length)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _x = [];
    private T[] _dy = [];

    public override T[] NextX() => _x;

    public override T[] NextDy() => _dy;

    public override void RefreshX() => PristineX.CopyTo(_x);

    public override void RefreshDy() => PristineDy.CopyTo(_dy);

    protected override void MakeCopies()
    {
        _x = new T[Length];
        _dy = new T[Length];
    }
}

/// <summary>
/// A batch takes microseconds, too short to time one call alone. Each iteration makes <see cref="Size"/> calls,
/// each on its own copy from a ring refilled before the iteration. The ring (8 × 64 KB for x, the same for dy)
/// stays in L2, as a batch just written by the layer before would be.
/// </summary>
public sealed class CopyRing<T>(int length) : FreshInputs<T>(length)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Size = 8;

    private T[][] _x = [];
    private T[][] _dy = [];
    private int _nextX;
    private int _nextDy;

    // Modulo only guards against an engine that invokes more often than configured; then a copy is reused.
    public override T[] NextX() => _x[_nextX++ % Size];

    public override T[] NextDy() => _dy[_nextDy++ % Size];

    public override void RefreshX()
    {
        Refill(_x, PristineX);
        _nextX = 0;
    }

    public override void RefreshDy()
    {
        Refill(_dy, PristineDy);
        _nextDy = 0;
    }

    protected override void MakeCopies()
    {
        _x = [.. Enumerable.Range(0, Size).Select(_ => new T[Length])];
        _dy = [.. Enumerable.Range(0, Size).Select(_ => new T[Length])];
    }

    private static void Refill(T[][] copies, T[] pristine)
    {
        foreach (T[] copy in copies)
        {
            pristine.CopyTo(copy, 0);
        }
    }
}
