using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.ProxyEvents;

/// <summary>
/// The members payload format 1.0 shares between REST APIs and HTTP APIs' 1.0 integrations: headers with their
/// original names, the last value in <c>headers</c> and every value in <c>multiValueHeaders</c>, the query likewise,
/// <c>null</c> for an empty query, path parameters or stage variables.
/// </summary>
public static class ProxyEventV1
{
    /// <summary>The request's headers as sent, plus each of <paramref name="forwarded"/> the client did not send itself.</summary>
    public static List<KeyValuePair<string, List<string>>> Headers(IHeaderDictionary requestHeaders, IEnumerable<KeyValuePair<string, string>> forwarded)
    {
        var headers = new List<KeyValuePair<string, List<string>>>();
        foreach (var (name, values) in requestHeaders)
        {
            headers.Add(new(name, [.. values.OfType<string>()]));
        }
        foreach (var (name, value) in forwarded)
        {
            if (!headers.Exists(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                headers.Add(new(name, [value]));
            }
        }
        return headers;
    }

    /// <summary>Writes <c>headers</c> and <c>multiValueHeaders</c>.</summary>
    public static void WriteHeaders(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, List<string>>> headers) =>
        WriteBoth(json, "headers", "multiValueHeaders", headers);

    /// <summary>Writes <c>queryStringParameters</c> and <c>multiValueQueryStringParameters</c>, both null when there are none.</summary>
    public static void WriteQuery(Utf8JsonWriter json, IReadOnlyCollection<KeyValuePair<string, List<string>>> parameters)
    {
        if (parameters.Count == 0)
        {
            json.WriteNull("queryStringParameters");
            json.WriteNull("multiValueQueryStringParameters");
            return;
        }
        WriteBoth(json, "queryStringParameters", "multiValueQueryStringParameters", parameters);
    }

    /// <summary>Writes <paramref name="name"/> as an object, or null when the map is absent or empty.</summary>
    public static void WriteMapOrNull(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is not { Count: > 0 })
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }
        json.WriteEndObject();
    }

    private static void WriteBoth(Utf8JsonWriter json, string single, string multi, IEnumerable<KeyValuePair<string, List<string>>> pairs)
    {
        json.WriteStartObject(single);
        foreach (var (name, values) in pairs)
        {
            json.WriteString(name, values.Count == 0 ? "" : values[^1]);
        }
        json.WriteEndObject();
        json.WriteStartObject(multi);
        foreach (var (name, values) in pairs)
        {
            json.WriteStartArray(name);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
