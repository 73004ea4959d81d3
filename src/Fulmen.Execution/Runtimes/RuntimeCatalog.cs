using System.Collections.Frozen;

namespace Fulmen.Execution.Runtimes;

/// <summary>Every <c>Runtime</c> value AWS accepts, and how Fulmen starts the ones it supports.</summary>
public static class RuntimeCatalog
{
    private static readonly FrozenDictionary<string, RuntimeKind> Kinds = new Dictionary<string, RuntimeKind>
    {
        ["provided.al2023"] = RuntimeKind.Provided,
        ["provided.al2"] = RuntimeKind.Provided,
        ["provided"] = RuntimeKind.Provided,
        ["nodejs20.x"] = RuntimeKind.NodeJs,
        ["nodejs22.x"] = RuntimeKind.NodeJs,
        ["nodejs24.x"] = RuntimeKind.NodeJs,
        ["nodejs18.x"] = RuntimeKind.NodeJs,
        ["python3.9"] = RuntimeKind.Python,
        ["python3.10"] = RuntimeKind.Python,
        ["python3.11"] = RuntimeKind.Python,
        ["python3.12"] = RuntimeKind.Python,
        ["python3.13"] = RuntimeKind.Python,
        ["python3.14"] = RuntimeKind.Python,
        ["dotnet8"] = RuntimeKind.Dotnet,
        ["dotnet10"] = RuntimeKind.Dotnet,
        ["java8.al2"] = RuntimeKind.Unsupported,
        ["java11"] = RuntimeKind.Unsupported,
        ["java17"] = RuntimeKind.Unsupported,
        ["java21"] = RuntimeKind.Unsupported,
        ["java25"] = RuntimeKind.Unsupported,
        ["ruby3.2"] = RuntimeKind.Unsupported,
        ["ruby3.3"] = RuntimeKind.Unsupported,
        ["ruby3.4"] = RuntimeKind.Unsupported,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The values listed in the validation message for an unknown runtime, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Kinds.Keys.Order(StringComparer.Ordinal)];

    public static bool IsKnown(string runtime) => Kinds.ContainsKey(runtime);

    public static RuntimeKind KindOf(string runtime) =>
        Kinds.TryGetValue(runtime, out var kind) ? kind : RuntimeKind.Unsupported;
}
