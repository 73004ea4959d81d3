using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Fulmen.Pipes.Model;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Pipes.Api;

public sealed partial class PipesApi
{
    private const int DefaultLimit = 100;

    /// <summary>By name, filtered by the prefixes and states given; NextToken carries the next page's first name.</summary>
    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? One(string key) => query.TryGetValue(key, out var values) ? values.ToString() : null;
        var namePrefix = One("NamePrefix");
        var sourcePrefix = One("SourcePrefix");
        var targetPrefix = One("TargetPrefix");
        var desired = One("DesiredState");
        PipeValidation.DesiredState(desired);
        var current = One("CurrentState");
        if (current is not null && !PipeStates.All.Contains(current))
        {
            throw PipesErrors.Constraint("currentState", current, $"Member must satisfy enum value set: [{string.Join(", ", PipeStates.All)}]");
        }
        var limit = DefaultLimit;
        if (One("Limit") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            throw PipesErrors.Constraint("limit", text, limit < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 100");
        }
        var after = One("NextToken") is { Length: > 0 } token ? Decode(token) : null;
        var matching = store.List().Where(p =>
            (namePrefix is null || p.Name.StartsWith(namePrefix, StringComparison.Ordinal))
            && (sourcePrefix is null || p.Source.StartsWith(sourcePrefix, StringComparison.Ordinal))
            && (targetPrefix is null || p.Target.StartsWith(targetPrefix, StringComparison.Ordinal))
            && (desired is null || p.DesiredState == desired)
            && (current is null || p.CurrentState == current)
            && (after is null || string.CompareOrdinal(p.Name, after) >= 0)).ToList();
        var page = new JsonArray();
        foreach (var pipe in matching.Take(limit))
        {
            var item = new JsonObject
            {
                ["Arn"] = pipe.Arn,
                ["CreationTime"] = pipe.CreationTime,
                ["CurrentState"] = pipe.CurrentState,
                ["DesiredState"] = pipe.DesiredState,
                ["LastModifiedTime"] = pipe.LastModifiedTime,
                ["Name"] = pipe.Name,
                ["Source"] = pipe.Source,
                ["Target"] = pipe.Target,
            };
            Add(item, "Enrichment", pipe.Enrichment);
            Add(item, "StateReason", pipe.StateReason);
            page.Add(item);
        }
        var result = new JsonObject { ["Pipes"] = page };
        if (matching.Count > limit)
        {
            result["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(matching[limit].Name));
        }
        await WriteAsync(context, result);
    }

    private static string Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw PipesErrors.Validation("The NextToken is not valid.", ("nextToken", "The NextToken is not valid."));
        }
    }
}
