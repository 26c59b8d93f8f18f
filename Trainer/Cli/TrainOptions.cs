using NeuralNet.Data;

namespace NeuralNet.Cli;

/// <summary>Everything a training run needs from the command line. The defaults train every shipped dataset well.</summary>
public sealed record TrainOptions
{
    public required string DataPath { get; init; }
    /// <summary>Target column(s), by name or index; several separated by commas. Null for the last column.</summary>
    public string? Target { get; init; }
    public TaskKind? Task { get; init; }
    public double ValidationSplit { get; init; } = 0.2;
    public string? TestPath { get; init; }
    public IReadOnlyList<int> Hidden { get; init; } = [64, 32];
    public int Epochs { get; init; } = 150;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 0.01;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 2e-2;
    public bool Nesterov { get; init; }
    public int Seed { get; init; }
    public string? HistoryPath { get; init; }
    public string? ReportPath { get; init; }
    public DataOptions Data { get; init; } = DataOptions.Default;

    /// <summary><see cref="Target"/> split at commas; null for the last column.</summary>
    public IReadOnlyList<string>? Targets => Target?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
