using System.Reflection;
using System.Runtime.ExceptionServices;

namespace NeuralNet.Optimizers;

/// <summary>Every class marked <see cref="OptimizerAttribute"/> in this assembly, found once by reflection.</summary>
public static class OptimizerRegistry
{
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> ByName = new(Scan);

    public static IReadOnlyList<string> Names => [.. ByName.Value.Keys.Order(StringComparer.Ordinal)];

    public static IOptimizer<T> Create<T>(string name, OptimizerSettings settings) where T : struct, IFloatingPointIeee754<T>
    {
        if (!ByName.Value.TryGetValue(name, out var definition))
            throw new InputException($"unknown optimizer '{name}'; the optimizers are {string.Join(", ", Names)}");
        try
        {
            return (IOptimizer<T>)Activator.CreateInstance(definition.MakeGenericType(typeof(T)), settings)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static IReadOnlyDictionary<string, Type> Scan()
    {
        var optimizers = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(OptimizerRegistry).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<OptimizerAttribute>() is not { } attribute)
                continue;
            if (!type.IsGenericTypeDefinition || !optimizers.TryAdd(attribute.Name, type))
                throw new InvalidOperationException($"optimizer '{attribute.Name}' ({type.Name}) must be generic in its element type and registered once");
        }
        return optimizers;
    }
}
