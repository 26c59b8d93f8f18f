using NeuralNet.Layers;

namespace NeuralNet.Optimizers;

/// <summary>Updates parameters from their accumulated gradients. It never zeroes them: the training loop does.</summary>
public interface IOptimizer<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>The step size; a schedule may change it between steps.</summary>
    T LearningRate { get; set; }

    /// <summary>One line for the run's header, such as "SGD lr 0.01, momentum 0.9, weight decay 0.02".</summary>
    string Description { get; }

    void Step(IReadOnlyList<Parameter<T>> parameters);
}
