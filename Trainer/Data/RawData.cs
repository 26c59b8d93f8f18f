namespace NeuralNet.Data;

/// <summary>
/// A CSV file as read: numeric feature columns straight into one matrix, and the target column as text, so that
/// the task (classification or regression) can be decided from all of its values.
/// </summary>
/// <param name="Path">The file, as the user named it (for messages).</param>
/// <param name="FeatureNames">Header names of the feature columns, in file order.</param>
/// <param name="TargetName">Header name of the target column.</param>
/// <param name="Features">(features, rows) column-major: the features of row r at [r·features, (r+1)·features).</param>
/// <param name="Targets">The target's text, one per row.</param>
/// <param name="Lines">The 1-based line of the file each row starts on, for messages about rows.</param>
public sealed record RawData(
    string Path,
    string[] FeatureNames,
    string TargetName,
    float[] Features,
    string[] Targets,
    int[] Lines)
{
    public int Rows => Targets.Length;

    public int FeatureCount => FeatureNames.Length;
}
