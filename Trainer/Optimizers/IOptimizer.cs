using NeuralNet.Layers;

namespace NeuralNet.Optimizers;

/// <summary>Updates parameters from their accumulated gradients. It never zeroes them: the training loop does.</summary>
public interface IOptimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>The step size; a schedule may change it between steps.</summary>
    T LearningRate { get; set; }

    /// <summary>One line for the run's header, such as "SGD lr 0.01, momentum 0.9, weight decay 0.02".</summary>
    string Description { get; }

    /// <summary>Arrays of per-weight state it keeps, each as large as the parameters (Adam's two moments, SGD's
    /// velocity when it has momentum): what it adds to a run's memory.</summary>
    int StateArrays { get; }

    /// <summary>Updates every parameter from its gradient: <see cref="BeginStep"/>, then <see cref="StepSlice"/> over
    /// each whole parameter.</summary>
    void Step(IReadOnlyList<Parameter<T>> parameters);

    /// <summary>Starts a step that <see cref="StepSlice"/> then takes in parts, possibly on several threads at once:
    /// the per-step state (Adam's step count) and any missing per-parameter state are set up here, on one thread.</summary>
    void BeginStep(IReadOnlyList<Parameter<T>> parameters);

    /// <summary>Updates elements [start, start + count) of <paramref name="parameter"/> exactly as <see cref="Step"/>
    /// would: the update is element by element, so slices taken on different threads give the same bits.
    /// Safe to call concurrently for disjoint slices after <see cref="BeginStep"/>.</summary>
    /// <param name="addedGradient">Empty, or <paramref name="count"/> values that are added to the slice's gradient
    /// as it is read (the last shard's, in the data-parallel step's reduction): the update then uses
    /// <c>gradient[i] + addedGradient[i]</c>, the same bits as adding first and stepping after, without writing the sum
    /// back. The parameter's own gradient is left as it was.</param>
    void StepSlice(Parameter<T> parameter, int start, int count, ReadOnlySpan<T> addedGradient);
}
