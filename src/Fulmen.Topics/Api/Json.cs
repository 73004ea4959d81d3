using System.Text.Json;

namespace Fulmen.Topics.Api;

internal static class Json
{
    /// <summary>Whether the text is one JSON object.</summary>
    public static bool IsObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
