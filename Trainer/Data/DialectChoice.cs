namespace NeuralNet.Data;

/// <summary>Which parts of a file's dialect were sniffed from the file (true) rather than given by an option.</summary>
public sealed record DialectChoice(bool Delimiter, bool Header, bool DecimalComma);
