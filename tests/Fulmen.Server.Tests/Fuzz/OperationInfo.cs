using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>One operation as the server lists it at <c>GET /_fulmen/operations</c>.</summary>
internal sealed partial record OperationInfo(string Service, string SigningName, string Protocol, string Operation, string? Method, string? Path)
{
    public string Key => Method is null ? $"{Service} {Operation}" : $"{Service} {Operation} ({Method} {Path})";

    public IReadOnlyList<string> PathParameters => [.. Parameter().Matches(Path ?? "").Select(m => m.Groups[1].Value)];

    /// <summary>List, Describe and Get operations: after any fuzz run they must still answer a valid request.</summary>
    public bool IsRead => Operation.StartsWith("Get", StringComparison.Ordinal) || Operation.StartsWith("List", StringComparison.Ordinal)
        || Operation.StartsWith("Describe", StringComparison.Ordinal);

    public static async Task<IReadOnlyList<OperationInfo>> FetchAsync(FulmenServer server)
    {
        using var http = new HttpClient();
        var listed = await http.GetFromJsonAsync<Listing>($"{server.Endpoint}/_fulmen/operations", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return listed?.Operations is { Count: > 0 } operations ? operations : throw new InvalidOperationException("The server listed no operations.");
    }

    private sealed record Listing(List<OperationInfo> Operations);

    [GeneratedRegex(@"\{([^}:*?=]+)[^}]*\}")]
    private static partial Regex Parameter();
}
