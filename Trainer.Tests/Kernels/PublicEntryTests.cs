using System.Reflection;
using NeuralNet.Kernels;

namespace NeuralNet.Tests.Kernels;

/// <summary>
/// The public generic entry points, closed over float and double, reach the right kernel with the right parameters:
/// each is checked against its scalar reference. Each is looked up by name and by the signature the layers call.
/// </summary>
[TestFixture(typeof(float))]
[TestFixture(typeof(double))]
public class PublicEntryTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Length = 1003;
    private static readonly T Threshold = T.CreateChecked(0.5);
    private static readonly T SlopeBelow = T.CreateChecked(-0.2);
    private static readonly T SlopeAbove = T.CreateChecked(3);

    private readonly T[] _x = SpecialValues.Planted(Length, 21, Threshold);
    private readonly T[] _dy = SpecialValues.Planted(Length, 22, Threshold);

    private delegate void Forward(ReadOnlySpan<T> x, Span<T> y);

    private delegate void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx);

    private delegate void GeneralizedForward(ReadOnlySpan<T> x, Span<T> y, T threshold, T slopeBelow, T slopeAbove);

    private delegate void GeneralizedBackward(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx, T threshold, T slopeBelow, T slopeAbove);



    private static Forward Relu { get; } = EntryPoint<Forward>(nameof(Activations.Relu));

    private static Backward ReluBackward { get; } = EntryPoint<Backward>(nameof(Activations.ReluBackward));

    private static GeneralizedForward GeneralizedRelu { get; } = EntryPoint<GeneralizedForward>(nameof(Activations.GeneralizedRelu));

    private static GeneralizedBackward GeneralizedReluBackward { get; } = EntryPoint<GeneralizedBackward>(nameof(Activations.GeneralizedReluBackward));



    [Test]
    public void ReluMatchesItsReference() =>
        CheckForward(Relu, ReluOperator<T>.Reference);

    [Test]
    public void ReluBackwardMatchesItsReference() =>
        CheckBackward(ReluBackward, ReluBackwardOperator<T>.Reference);

    [Test]
    public void GeneralizedReluMatchesItsReference() =>
        CheckForward(
            (x, y) => GeneralizedRelu(x, y, Threshold, SlopeBelow, SlopeAbove),
            (x, y) => GeneralizedReluOperator<T>.Reference(x, y, Threshold, SlopeBelow, SlopeAbove));

    [Test]
    public void GeneralizedReluBackwardMatchesItsReference() =>
        CheckBackward(
            (x, dy, dx) => GeneralizedReluBackward(x, dy, dx, Threshold, SlopeBelow, SlopeAbove),
            (x, dy, dx) => GeneralizedReluBackwardOperator<T>.Reference(x, dy, dx, Threshold, SlopeBelow, SlopeAbove));

    private void CheckForward(Forward entry, Forward reference)
    {
        var actual = new T[Length];
        var expected = new T[Length];
        entry(_x, actual);
        reference(_x, expected);
        SpecialValues.AssertBitIdentical<T>(actual, expected, typeof(T).Name);
    }

    private void CheckBackward(Backward entry, Backward reference)
    {
        var actual = new T[Length];
        var expected = new T[Length];
        entry(_x, _dy, actual);
        reference(_x, _dy, expected);
        SpecialValues.AssertBitIdentical<T>(actual, expected, typeof(T).Name);
    }

    /// <summary>The public static generic method of <see cref="Activations"/> with this name, closed over T, with the
    /// delegate's parameter types.</summary>
    private static TDelegate EntryPoint<TDelegate>(string name)
        where TDelegate : Delegate
    {
        Type[] parameters = [.. typeof(TDelegate).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType)];
        MethodInfo method = typeof(Activations).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == name && m.IsGenericMethodDefinition)
            .Select(m => m.MakeGenericMethod(typeof(T)))
            .SingleOrDefault(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters))
            ?? throw new MissingMethodException(nameof(Activations), name);
        return method.CreateDelegate<TDelegate>();
    }
}
