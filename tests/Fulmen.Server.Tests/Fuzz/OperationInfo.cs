using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>One operation as the server lists it at <c>GET /_fulmen/operations</c>.</summary>
internal sealed partial record OperationInfo(string Service, string SigningName, string Protocol, string Operation, string? Method, string? Path, string? Target)
{
    public string Key => Target is not null ? $"{Service} {Operation} ({Protocol})" : Method is null ? $"{Service} {Operation}" : $"{Service} {Operation} ({Method} {Path})";

    /// <summary>JSON 1.0/1.1: <c>X-Amz-Target</c> names the operation, the body is JSON of that version.</summary>
    public bool IsJsonProtocol => Target is not null;

    /// <summary>The content type a client sends with this operation's body.</summary>
    public string ContentType => Protocol switch
    {
        "query" => "application/x-www-form-urlencoded; charset=utf-8",
        "json-1.0" => "application/x-amz-json-1.0",
        "json-1.1" => "application/x-amz-json-1.1",
        "rest-xml" => "application/xml",
        _ => "application/json",
    };

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
