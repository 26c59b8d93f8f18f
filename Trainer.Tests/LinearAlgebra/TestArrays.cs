
namespace NeuralNet.Tests.LinearAlgebra;

/// <summary>Column-major test data, seeded so failures reproduce.</summary>
internal static class TestArrays
{
    /// <summary>Entries uniform in [-1, 1).</summary>
    public static T[] Random<T>(int length, int seed)
        where T : IFloatingPoint<T>
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => T.CreateChecked((random.NextDouble() * 2) - 1))];
    }

    /// <summary>The entries widened to double, so NUnit can compare arrays of either type within a tolerance.</summary>
    public static double[] Widened<T>(T[] values)
        where T : INumberBase<T> => [.. values.Select(double.CreateChecked)];

    /// <summary>Tolerance for a sum of <paramref name="terms"/> products of entries in [-1, 1].</summary>
    public static double Tolerance<T>(int terms) =>
        Math.Max(1, terms) * (typeof(T) == typeof(float) ? 1e-6 : 1e-14);
}
