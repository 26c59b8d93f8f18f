namespace NeuralNet.Data;

public enum TaskKind
{
    Classification,
    Regression,
}
