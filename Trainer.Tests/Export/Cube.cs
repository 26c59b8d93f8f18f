using MathNet.Numerics.LinearAlgebra;
using NeuralNet.Layers;

namespace NeuralNet.Tests.Export;

/// <summary>A layer the exporters do not know, y = x³: it has neither an ONNX nor a PyTorch form. Its passes are never
/// run.</summary>
internal sealed class Cube(int size) : Layer<float>(size, size)
{
    public override string Spec => "cube";

    protected override void Forward(Matrix<float> x, Matrix<float> y, bool training)
    {
    }

    protected override void Backward(Matrix<float> x, Matrix<float> dy, Matrix<float>? dx)
    {
    }
}
