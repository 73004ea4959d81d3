using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Scheduler.Api;

/// <summary>Writing the Scheduler's 200 answers, and reading its query-string members.</summary>
internal static class SchedulerResponse
{
    public static Task WriteAsync(HttpContext context, JsonObject result)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        return context.Response.WriteAsync(result.ToJsonString(), context.RequestAborted);
    }

    /// <summary>A query member given once, or null.</summary>
    public static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    /// <summary><c>MaxResults</c> (1–100, default 100) and <c>NextToken</c> (the key to continue after, as this server issued it).</summary>
    public static (int Limit, string? After) Page(HttpContext context)
    {
        var limit = 100;
        if (Query(context, "MaxResults") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
            {
                throw SchedulerErrors.Serialization("maxResults");
            }
            if (limit is < 1 or > 100)
            {
                throw SchedulerErrors.Constraint(text, "maxResults", limit < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 100");
            }
        }
        var token = Query(context, "NextToken");
        if (token is null)
        {
            return (limit, null);
        }
        try
        {
            return (limit, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token)));
        }
        catch (FormatException)
        {
            throw SchedulerErrors.Validation("The NextToken provided is invalid.");
        }
    }

    /// <summary>One page of <paramref name="items"/> (sorted by <paramref name="key"/>) after the token's key, and the next token.</summary>
    public static (IReadOnlyList<T> Items, string? NextToken) Paged<T>(HttpContext context, IEnumerable<T> items, Func<T, string> key)
    {
        var (limit, after) = Page(context);
        var rest = after is null ? items : items.Where(item => string.CompareOrdinal(key(item), after) > 0);
        var page = rest.Take(limit + 1).ToList();
        if (page.Count <= limit)
        {
            return (page, null);
        }
        page.RemoveAt(limit);
        return (page, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key(page[^1]))));
    }

    public static JsonNode Date(double seconds) => JsonValue.Create(seconds);
}
