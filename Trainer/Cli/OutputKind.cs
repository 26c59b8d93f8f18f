namespace NeuralNet.Cli;

/// <summary>What a command writes to a file, and what an existing file looks like, so that an output never replaces
/// a file of another kind (the training CSV named as the ONNX file) without --overwrite.</summary>
internal enum OutputKind
{
    Model,
    Onnx,
    Csv,
    Report,
    Image,

    /// <summary>An existing file that is none of the above (binary, or text the trainer does not write).</summary>
    Other,
}

internal static class OutputKinds
{
    /// <summary>How a file of this kind is named in a message.</summary>
    public static string Describe(OutputKind kind) => kind switch
    {
        OutputKind.Model => "a model file",
        OutputKind.Onnx => "an ONNX file",
        OutputKind.Csv => "a text (CSV) file",
        OutputKind.Report => "a JSON file",
        OutputKind.Image => "an image",
        _ => "a binary file",
    };

    /// <summary>The kind of an existing file from its first bytes; null when it is empty or cannot be read (nothing
    /// to lose, or the write itself will say why). A model file is JSON naming its format; an ONNX file is binary
    /// protobuf whose first field is ir_version (byte 0x08); a PNG starts with its signature.</summary>
    public static OutputKind? Of(string path)
    {
        var start = new byte[4096];
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            length = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var bytes = start.AsSpan(0, length);
        if (bytes.IsEmpty)
            return null;
        if (bytes is [0x89, (byte)'P', (byte)'N', (byte)'G', ..])
            return OutputKind.Image;
        if (bytes.IndexOf((byte)0) >= 0 || bytes.IndexOfAnyInRange((byte)1, (byte)8) >= 0)
            return bytes[0] == 0x08 ? OutputKind.Onnx : OutputKind.Other;
        var text = bytes.TrimStart(" \t\r\n"u8);
        if (text.StartsWith("{"u8))
            return text.IndexOf("\"neuralnet-model\""u8) >= 0 ? OutputKind.Model : OutputKind.Report;
        return OutputKind.Csv;
    }
}
