using System.Text.Json.Serialization;

namespace Fulmen.Storage.Tests.Contract;

/// <summary>The record the document view facts store.</summary>
public sealed record Counter(string Name, int Count);

[JsonSerializable(typeof(Counter))]
internal sealed partial class ContractJson : JsonSerializerContext;
