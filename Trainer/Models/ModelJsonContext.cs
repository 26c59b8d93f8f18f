using System.Text.Json.Serialization;

namespace NeuralNet.Models;

/// <summary>The model file's JSON contract, generated at compile time: reading a model (predict, evaluate, export)
/// then builds no serializer by reflection, which took most of a small predict's start-up. ModelSerializer's options
/// (snake_case, enums as strings, …) still apply: it uses this as their type-info resolver.</summary>
[JsonSerializable(typeof(ModelDocument))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
