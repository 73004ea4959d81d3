namespace Fulmen.ApiGateway.RestApis;

/// <summary>An API's <c>binaryMediaTypes</c>: exact types and wildcards (<c>image/*</c>, <c>*/*</c>), parameters ignored.</summary>
public static class BinaryMediaTypes
{
    public static bool Matches(IReadOnlyList<string>? types, string? contentType)
    {
        if (types is not { Count: > 0 } || string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var media = contentType.Split(';', 2)[0].Trim();
        foreach (var type in types)
        {
            if (type == "*/*" || type.Equals(media, StringComparison.OrdinalIgnoreCase)
                || (type.EndsWith("/*", StringComparison.Ordinal) && media.StartsWith(type[..^1], StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }
}
