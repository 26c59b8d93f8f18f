namespace NeuralNet.Optimizers;

/// <summary>
/// Registers an optimizer under its <c>--optimizer</c> name. The class must be generic in the element type
/// (<c>Adam&lt;T&gt;</c>) and have a constructor <c>(OptimizerSettings settings)</c>; <see cref="OptimizerRegistry"/>
/// finds it, so the command line and its help pick it up with no other change.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OptimizerAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
