using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Functions.Api;

/// <summary>The <c>MaxItems</c> / <c>Marker</c> query members of AWS's List operations.</summary>
internal static class Paging
{
    /// <summary>
    /// Page size and the key the previous page ended with. <c>MaxItems</c> is validated against the operation's model
    /// (1–<paramref name="modelMaximum"/>) as AWS does; a page holds at most 50 either way.
    /// </summary>
    public static (int MaxItems, string? After) Read(IQueryCollection query, int modelMaximum = 50)
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
                problems.Range("maxItems", maxItems, 1, modelMaximum);
            }
            problems.ThrowIfAny();
            maxItems = Math.Min(maxItems, 50);
        }
        var after = query.TryGetValue("Marker", out var marker) ? FunctionsApi.DecodeMarker(marker.ToString()) : null;
        return (maxItems, after);
    }
}
