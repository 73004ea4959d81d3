using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>The <c>MaxItems</c> / <c>Marker</c> query members of AWS's List operations.</summary>
internal static class Paging
{
    /// <summary>Page size (1–50, default 50, validated as AWS does) and the key the previous page ended with.</summary>
    public static (int MaxItems, string? After) Read(IQueryCollection query)
    {
        var maxItems = 50;
        if (query.TryGetValue("MaxItems", out var max))
        {
            var problems = new FunctionValidation.Problems();
            if (!int.TryParse(max, CultureInfo.InvariantCulture, out maxItems))
            {
                problems.Add($"Value '{max}' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
            else
            {
                problems.Range("maxItems", maxItems, 1, 50);
            }
            problems.ThrowIfAny();
        }
        var after = query.TryGetValue("Marker", out var marker) ? FunctionsApi.DecodeMarker(marker.ToString()) : null;
        return (maxItems, after);
    }
}
