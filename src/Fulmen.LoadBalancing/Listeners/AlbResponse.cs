using System.Text.Json;
using Fulmen.Functions.Http;

namespace Fulmen.LoadBalancing.Listeners;

/// <summary>
/// The function's answer as an ALB reads it: an object with a numeric <c>statusCode</c>, optional
/// <c>statusDescription</c>, <c>headers</c> (or <c>multiValueHeaders</c> when the target group enables them),
/// <c>body</c> and <c>isBase64Encoded</c>. Anything else, or more than 1 MB, is a 502; so is a header a response
/// cannot carry (<see cref="HeaderRules"/>), headers over the ALB's 32 KB, or a <c>statusDescription</c> with a
/// control character (it is written into the status line). All of it is checked before anything is written.
/// </summary>
public static class AlbResponse
{
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>An ALB refuses a target's response whose header block exceeds 32 KB with a 502.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public sealed record Mapped(int StatusCode, string? StatusDescription, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);

    public static Mapped? Map(ReadOnlyMemory<byte> payload, bool multiValue)
    {
        if (payload.Length > MaxResponseBytes)
        {
            return null;
        }
        if (ResponseParts.TryParse(payload) is not { } document)
        {
            return null;
        }
        using (document)
        {
            try
            {
                return MapResponse(document.RootElement, multiValue) is { } mapped
                    && HeaderRules.AreValid(mapped.Headers) && HeaderRules.WireLength(mapped.Headers) <= MaxHeaderBytes
                    && (mapped.StatusDescription is null || HeaderRules.IsFieldValue(mapped.StatusDescription))
                    ? mapped
                    : null;
            }
            catch (InvalidOperationException)
            {
                // A string with half a surrogate pair: not text, so not an answer.
                return null;
            }
        }
    }

    private static Mapped? MapResponse(JsonElement root, bool multiValue)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status) || ResponseParts.StatusCode(status) is not { } statusCode)
        {
            return null;
        }
        var description = root.TryGetProperty("statusDescription", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
        var headers = new List<KeyValuePair<string, string>>();
        if (multiValue && root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind == JsonValueKind.Array)
                {
                    headers.AddRange(header.Value.EnumerateArray().Select(ResponseParts.Scalar).OfType<string>().Select(v => new KeyValuePair<string, string>(header.Name, v)));
                }
            }
        }
        else if (!multiValue && root.TryGetProperty("headers", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in single.EnumerateObject())
            {
                if (ResponseParts.Scalar(header.Value) is { } value)
                {
                    headers.Add(new(header.Name, value));
                }
            }
        }
        var body = root.TryGetProperty("body", out var givenBody) ? ResponseParts.Scalar(givenBody) ?? "" : "";
        var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
        try
        {
            return new Mapped(statusCode, description, headers, EventBody.Decode(body, base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
